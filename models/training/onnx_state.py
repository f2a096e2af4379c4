"""Rebuild a training state from an exported model, for `train.py --resume` when the checkpoint is gone (a fresh
checkout has the committed ONNX files, not `<cache>/*.pt`).

The export folds each BatchNorm into the convolution before it, so the convolutions (1-D and 2-D) are matched to the
graph's Conv nodes in execution order, the linear layers to its Gemm nodes, and each BatchNorm becomes identity plus
bias (mean 0, variance 1 − eps, scale 1, shift = the folded bias): the rebuilt model computes what the ONNX file
computes in eval mode. Train it with BatchNorm frozen (eval mode): batch statistics would not match the folded ones."""
from pathlib import Path

import torch
import torch.nn as nn

CONVS = (nn.Conv1d, nn.Conv2d)
NORMS = (nn.BatchNorm1d, nn.BatchNorm2d)


def load(onnx_path: Path, model: nn.Module, example: torch.Tensor):
    import onnx
    from onnx import numpy_helper
    graph = onnx.load(str(onnx_path)).graph
    inits = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    nodes = {kind: [n for n in graph.node if n.op_type == kind] for kind in ("Conv", "Gemm")}
    order = {"Conv": [], "Gemm": []}
    hooks = [m.register_forward_hook(lambda mod, _i, _o: order["Conv" if isinstance(mod, CONVS) else "Gemm"].append(mod))
             for m in model.modules() if isinstance(m, CONVS + (nn.Linear,))]
    model.eval()
    with torch.no_grad():
        model(example)
    for h in hooks:
        h.remove()
    for kind in order:
        if len(order[kind]) != len(nodes[kind]):
            raise ValueError(f"{onnx_path}: {len(nodes[kind])} {kind} nodes, the model has {len(order[kind])} such layers")
    norm_after = {}
    for seq in model.modules():
        if isinstance(seq, nn.Sequential):
            kids = list(seq)
            for a, b in zip(kids, kids[1:]):
                if isinstance(a, CONVS) and isinstance(b, NORMS):
                    norm_after[a] = b
    with torch.no_grad():
        for layer, node in zip(order["Conv"] + order["Gemm"], nodes["Conv"] + nodes["Gemm"]):
            w = torch.from_numpy(inits[node.input[1]].copy())
            b = torch.from_numpy(inits[node.input[2]].copy()) if len(node.input) > 2 else None
            if node.op_type == "Gemm" and not any(a.name == "transB" and a.i == 1 for a in node.attribute):
                w = w.t()
            if w.shape != layer.weight.shape:
                raise ValueError(f"{onnx_path}: {node.op_type} {node.name} weight {tuple(w.shape)}, "
                                 f"model {tuple(layer.weight.shape)}")
            layer.weight.copy_(w)
            norm = norm_after.get(layer)
            if norm is None:
                layer.bias.copy_(b)
                continue
            norm.weight.fill_(1.0)
            norm.bias.copy_(b if b is not None else torch.zeros_like(norm.bias))
            norm.running_mean.zero_()
            norm.running_var.fill_(1.0 - norm.eps)
    return model


def freeze_norms(model: nn.Module):
    """After model.train(): BatchNorm layers back in eval mode, so the folded statistics stay as they are."""
    for m in model.modules():
        if isinstance(m, NORMS):
            m.eval()
