#!/usr/bin/env python3
"""PyTorch peer of TransformerBenchmark: the same pre-norm transformer forward and AdamW training step.

Usage: scripts/peers/torch_transformer.py [--batch 800] [--train-batch 64] [--repeats 5]
Runs on 2 threads; prints one JSON line: forward samples/s and GFLOP/s, seconds per training step. Installs its
packages with scripts/peers/setup on first use. Not part of the tests.
"""
import argparse, os, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_env


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
    peer_env.ensure("torch")
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

    load = peer_env.load_average()
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
    peer_env.report("torch_transformer", {
        "torch": torch.__version__, "threads": torch.get_num_threads(), "repeats": args.repeats,
        "forward_batch": args.batch, "forward_s": round(forward, 4), "forward_samples_per_s": round(args.batch / forward, 1),
        "forward_gflops": round(flops / forward / 1e9, 1), "train_batch": args.train_batch,
        "adamw_step_s": round(train, 4)}, load)

if __name__ == "__main__":
    main()
