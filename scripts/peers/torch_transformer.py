#!/usr/bin/env python3
"""PyTorch peer of TransformerBenchmark: the same pre-norm transformer forward and AdamW training step.

Usage: scripts/peers/torch_transformer.py [--batch 800] [--train-batch 64] [--repeats 5]
Creates (once) a virtual environment in .venv-peers with the CPU build of torch from PyPI, then re-runs itself
there. Runs on 2 threads; prints samples/s, GFLOP/s and the training step time. Not part of the tests.
"""
import argparse, os, subprocess, sys, time

VENV = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".venv-peers")


def ensure_torch():
    try:
        import torch  # noqa: F401
        return
    except ImportError:
        pass
    python = os.path.join(VENV, "bin", "python")
    if os.path.abspath(sys.executable) == os.path.abspath(python):
        sys.exit("torch is missing from %s even after installing it" % VENV)
    if not os.path.exists(python):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
        subprocess.check_call([python, "-m", "pip", "install", "--quiet", "torch", "numpy"])
    os.execv(python, [python] + sys.argv)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=800)
    parser.add_argument("--train-batch", type=int, default=64)
    parser.add_argument("--tokens", type=int, default=66)
    parser.add_argument("--width", type=int, default=128)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--depth", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    ensure_torch()
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    torch.set_num_threads(2)
    torch.manual_seed(0)

    class Block(nn.Module):
        def __init__(self, d, h):
            super().__init__()
            self.heads = h
            self.norm1, self.norm2 = nn.LayerNorm(d, eps=1e-6), nn.LayerNorm(d, eps=1e-6)
            self.qkv, self.proj = nn.Linear(d, 3 * d), nn.Linear(d, d)
            self.fc1, self.fc2 = nn.Linear(d, 4 * d), nn.Linear(4 * d, d)

        def forward(self, x):
            b, t, d = x.shape
            q, k, v = self.qkv(self.norm1(x)).view(b, t, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
            a = F.scaled_dot_product_attention(q, k, v).transpose(1, 2).reshape(b, t, d)
            x = x + self.proj(a)
            return x + self.fc2(F.gelu(self.fc1(self.norm2(x)), approximate="tanh"))

    model = nn.Sequential(*[Block(args.width, args.heads) for _ in range(args.depth)], nn.LayerNorm(args.width, eps=1e-6))
    x = torch.randn(args.batch, args.tokens, args.width)

    def median(f):
        times = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            f()
            times.append(time.perf_counter() - start)
        return sorted(times)[len(times) // 2]

    with torch.no_grad():
        model(x)
        forward = median(lambda: model(x))
    n, d, t = args.batch * args.tokens, args.width, args.tokens
    flops = args.depth * (2 * n * d * d * 12 + 4 * args.batch * t * t * d)

    small, target = x[: args.train_batch], torch.randn(args.train_batch, args.tokens, args.width)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0.05)

    def step():
        optimizer.zero_grad()
        F.l1_loss(model(small), target).backward()
        optimizer.step()

    step()
    train = median(step)
    print("torch %s, %d threads" % (torch.__version__, torch.get_num_threads()))
    print("forward   batch %d: %.3f s, %.0f samples/s, %.1f GFLOP/s" % (args.batch, forward, args.batch / forward, flops / forward / 1e9))
    print("training  batch %d: %.3f s per AdamW step" % (args.train_batch, train))


if __name__ == "__main__":
    main()
