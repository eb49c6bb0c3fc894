"""PyTorch peer for tegum's benchmark (bench/run.ts): the same toy-model training steps
and packing steps, written as a careful researcher would on the CPU.

Toy models (Elhage et al. 2022): x_i ~ U[0,1) with probability p else 0; x' = ReLU(W^T W x + b);
loss = mean over batch and features of importance * (x - x')^2 per instance, summed;
AdamW (lr 1e-3, weight decay 0.01). Two variants: `autograd` (loss.backward(),
torch.optim.AdamW with foreach) and `hand` (hand-derived gradients into preallocated
buffers with bmm(out=...), the same optimizer). Both preallocate the batch buffers.

Neuron models (`toyneuron`, `toyabs`): the tied model with a hidden ReLU layer and the
absolute-value model (Elhage et al. 2022 §§7-8), autograd and torch.optim.AdamW, data drawn
with torch.rand each step, as a researcher writes them.

Packing step: G = V^T V, A = f(G) with f the derivative of |c|^alpha (alpha = 2: A = 2G,
zero diagonal), gradient V A. Variants: `hand` (mm into preallocated buffers) and
`autograd` (L = sum of |G_ij|^alpha off the diagonal, backward).

Whole packing step (`packstep…`): one Riemannian Adam step on the product of unit spheres
as tegum's optimizer takes it (src/packing/sphere-optimizer.ts), hand-written into
preallocated float32 buffers: G = V^T V, A = l'(G) for the smoothed power objective
(alpha = 1, delta = 1e-2: A = G / sqrt(G^2 + delta^2), zero diagonal), gradient 2 V A
projected on the tangent space, Adam moments, the step projected, V -= lr step, columns
renormalised, the first moment carried along by projection.

Prints one JSON object: {"torch": version, "threads": n, "results": [...]} with per-workload
median seconds per step over repeated timed blocks.
"""

import json
import statistics
import sys
import time

import torch


def median_seconds(step, block_seconds=0.25, blocks=5, warmup=3):
    """Median over `blocks` timed blocks of seconds per step; a block lasts ~block_seconds."""
    for _ in range(warmup):
        step()
    t = time.perf_counter()
    step()
    steps_per_block = max(1, int(block_seconds / max(time.perf_counter() - t, 1e-6)))
    times = []
    for _ in range(blocks):
        t = time.perf_counter()
        for _ in range(steps_per_block):
            step()
        times.append((time.perf_counter() - t) / steps_per_block)
    return statistics.median(times)


def toy_workload(n, m, batch, instances, sparsity, variant):
    gen = torch.Generator().manual_seed(0)
    W = torch.empty(instances, m, n)
    W.normal_(0.0, (2.0 / (n + m)) ** 0.5, generator=gen)
    W.requires_grad_(variant == "autograd")
    b = torch.zeros(instances, 1, n, requires_grad=variant == "autograd")
    importance = torch.ones(instances, 1, n)
    # One sparsity for every instance, or one per instance.
    if isinstance(sparsity, list):
        p = torch.tensor([1.0 - s for s in sparsity]).reshape(instances, 1, 1)
    else:
        p = torch.full((instances, 1, 1), 1.0 - sparsity)
    opt = torch.optim.AdamW([W, b], lr=1e-3, weight_decay=0.01, foreach=True)
    x = torch.empty(instances, batch, n)
    mask = torch.empty(instances, batch, n)
    scale = 2.0 / (batch * n)

    def sample():
        torch.rand(x.shape, out=x, generator=gen)
        torch.rand(mask.shape, out=mask, generator=gen)
        x.mul_(mask.lt_(p))

    if variant == "autograd":

        def step():
            sample()
            h = torch.bmm(x, W.transpose(1, 2))
            out = torch.relu(torch.bmm(h, W) + b)
            loss = (importance * (x - out) ** 2).mean(dim=(1, 2)).sum()
            opt.zero_grad(set_to_none=False)
            loss.backward()
            opt.step()

    else:
        h = torch.empty(instances, batch, m)
        out = torch.empty(instances, batch, n)
        dh = torch.empty(instances, batch, m)
        gW = torch.empty(instances, m, n)
        gW2 = torch.empty(instances, m, n)
        W.grad = torch.zeros_like(W)
        b.grad = torch.zeros_like(b)

        @torch.no_grad()
        def step():
            sample()
            torch.bmm(x, W.transpose(1, 2), out=h)
            torch.baddbmm(b, h, W, out=out)  # pre-activation
            active = out > 0
            out.clamp_(min=0).sub_(x).mul_(importance).mul_(active).mul_(scale)  # dL/dpre
            torch.sum(out, dim=1, keepdim=True, out=b.grad)
            torch.bmm(out, W.transpose(1, 2), out=dh)
            torch.bmm(h.transpose(1, 2), out, out=gW)
            torch.bmm(dh.transpose(1, 2), x, out=gW2)
            W.grad.copy_(gW).add_(gW2)
            opt.step()

    return median_seconds(step)


def neuron_workload(n, m, batch, instances, densities, decay, model):
    """The neuron models (Elhage et al. 2022 §§7-8) as a researcher writes them: batched over
    instances with bmm, autograd, torch.optim.AdamW, the batch drawn with torch.rand each step.
    'neuron': h = ReLU(W x), x' = ReLU(W^T h + b), target x; 'abs': h = ReLU(W x),
    y' = ReLU(W2 h + b), target |x|, active features U[-1, 1)."""
    gen = torch.Generator().manual_seed(0)
    std = (2.0 / (n + m)) ** 0.5
    W = torch.empty(instances, m, n).normal_(0.0, std, generator=gen).requires_grad_()
    b = torch.zeros(instances, 1, n, requires_grad=True)
    params = [W, b]
    if model == "abs":
        W2 = torch.empty(instances, n, m).normal_(0.0, std, generator=gen).requires_grad_()
        params.append(W2)
    importance = (decay ** torch.arange(n, dtype=torch.float32)).reshape(1, 1, n)
    p = torch.tensor(densities).reshape(instances, 1, 1)
    opt = torch.optim.AdamW(params, lr=1e-3, weight_decay=0.01)

    def step():
        x = torch.rand(instances, batch, n, generator=gen)
        if model == "abs":
            x = 2 * x - 1
        x = x * (torch.rand(instances, batch, n, generator=gen) < p)
        h = torch.relu(torch.bmm(x, W.transpose(1, 2)))
        if model == "abs":
            out = torch.relu(torch.bmm(h, W2.transpose(1, 2)) + b)
            target = x.abs()
        else:
            out = torch.relu(torch.bmm(h, W) + b)
            target = x
        loss = (importance * (target - out) ** 2).mean(dim=(1, 2)).sum()
        opt.zero_grad()
        loss.backward()
        opt.step()

    return median_seconds(step)


def packing_workload(n, d, variant, alpha=2.0):
    gen = torch.Generator().manual_seed(0)
    V = torch.randn(d, n, generator=gen)
    V /= V.norm(dim=0, keepdim=True)
    if variant == "hand":
        G = torch.empty(n, n)
        grad = torch.empty(d, n)

        @torch.no_grad()
        def step():
            torch.mm(V.t(), V, out=G)
            G.mul_(alpha)  # alpha = 2: d|c|^2/dc = 2c
            G.fill_diagonal_(0)
            torch.mm(V, G, out=grad)

    else:
        Vg = V.clone().requires_grad_(True)
        off = 1.0 - torch.eye(n)

        def step():
            G = Vg.t() @ Vg
            loss = (G.abs().pow(alpha) * off).sum()
            Vg.grad = None
            loss.backward()

    return median_seconds(step)


def packing_step_workload(n, d, delta=1e-2, lr=1e-2, beta1=0.9, beta2=0.999, eps=1e-12):
    gen = torch.Generator().manual_seed(0)
    V = torch.randn(d, n, generator=gen)
    V /= V.norm(dim=0, keepdim=True)
    G = torch.empty(n, n)
    S = torch.empty(n, n)
    grad = torch.empty(d, n)
    step_ = torch.empty(d, n)
    m = torch.zeros(d, n)
    v = torch.zeros(d, n)
    dots = torch.empty(1, n)
    t = [0]

    def project(X):
        torch.sum(V * X, dim=0, keepdim=True, out=dots)
        X.addcmul_(dots, V, value=-1.0)

    @torch.no_grad()
    def step():
        t[0] += 1
        torch.mm(V.t(), V, out=G)
        torch.mul(G, G, out=S)
        S.add_(delta * delta).rsqrt_()
        G.mul_(S)  # l'(c) = c / sqrt(c^2 + delta^2) at alpha = 1
        G.fill_diagonal_(0)
        torch.mm(V, G, out=grad)
        grad.mul_(2)
        project(grad)
        m.mul_(beta1).add_(grad, alpha=1 - beta1)
        v.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
        c1 = 1 / (1 - beta1 ** t[0])
        c2 = 1 / (1 - beta2 ** t[0])
        torch.mul(v, c2, out=step_)
        step_.sqrt_().add_(eps)
        torch.div(m, step_, out=step_)
        step_.mul_(c1)
        project(step_)
        V.add_(step_, alpha=-lr)
        V.div_(V.norm(dim=0, keepdim=True))
        project(m)

    return median_seconds(step)


TOY = {
    "toy400": ("toy n=400 m=30 B=1024 I=1 S=0.99", (400, 30, 1024, 1, 0.99)),
    "toy20": ("toy n=20 m=5 B=1024 I=16 S=0.9", (20, 5, 1024, 16, 0.9)),
    # The geometry preset: p = 20^-linspace(0, 1, 20), dense to sparse.
    "toygeometry": (
        "toy geometry n=200 m=20 B=1024 I=20",
        (200, 20, 1024, 20, [1.0 - 20.0 ** (-i / 19) for i in range(20)]),
    ),
}
# The neuron models (bench/neuron-workloads.ts): n, m, B, instances, 1 - S each, importance
# decay, model.
NEURON = {
    "toyneuron": (
        "toy neuron n=10 m=5 B=1024 I=16",
        (10, 5, 1024, 16, [0.75 * (0.01 / 0.75) ** (i / 15) for i in range(16)], 0.75, "neuron"),
    ),
    "toyabs": (
        "toy abs n=100 m=40 B=1024 I=7",
        (100, 40, 1024, 7, [1, 0.3, 0.1, 0.03, 0.01, 0.003, 0.001], 0.8, "abs"),
    ),
}
PACKING = {"pack2048": (2048, 128), "pack512": (512, 64)}
PACKING_STEP = {"packstep2048": (2048, 128), "packstep512": (512, 64)}


def main():
    """Usage: torch_peer.py THREADS [WORKLOAD ...]; WORKLOAD in toy400 toy20 toygeometry toyneuron toyabs pack2048 pack512 packstep2048 packstep512."""
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    keys = sys.argv[2:] or [*TOY, *PACKING]
    torch.set_num_threads(threads)
    results = []
    for key in keys:
        if key in TOY:
            name, (n, m, batch, instances, sparsity) = TOY[key]
            for variant in ("autograd", "hand"):
                sec = toy_workload(n, m, batch, instances, sparsity, variant)
                results.append({"workload": name, "variant": variant, "secondsPerStep": sec})
        elif key in NEURON:
            name, args = NEURON[key]
            sec = neuron_workload(*args)
            results.append({"workload": name, "variant": "autograd", "secondsPerStep": sec})
        elif key in PACKING:
            n, d = PACKING[key]
            for variant in ("autograd", "hand"):
                sec = packing_workload(n, d, variant)
                results.append(
                    {
                        "workload": f"packing n={n} d={d}",
                        "variant": variant,
                        "secondsPerStep": sec,
                        "gflops": 4 * n * n * d / sec / 1e9,
                    }
                )
        elif key in PACKING_STEP:
            n, d = PACKING_STEP[key]
            sec = packing_step_workload(n, d)
            results.append(
                {
                    "workload": f"packing step n={n} d={d}",
                    "variant": "hand",
                    "secondsPerStep": sec,
                    "gflops": 4 * n * n * d / sec / 1e9,
                }
            )
        else:
            known = ", ".join([*TOY, *NEURON, *PACKING, *PACKING_STEP])
            sys.exit(f"unknown workload {key}; known: {known}")
    print(json.dumps({"torch": torch.__version__, "threads": threads, "results": results}))


if __name__ == "__main__":
    main()
