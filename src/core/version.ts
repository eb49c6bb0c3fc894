/** tegum's version, part of every run's identity (a new version may compute differently). Kept equal to package.json's by a test. */
export const TEGUM_VERSION = '0.1.0';
