# RestoreJ's timing script for the anchors of `restorej bench --compare` (our own code).
# It imports the official network code from the folder the user gives (never shipped with RestoreJ),
# builds the full-size network with random weights and either times forward passes or exports ONNX.
# Prints one line "RESTOREJ-RESULT <json>" for the caller.
import argparse, importlib.util, json, os, sys, time, types

p = argparse.ArgumentParser()
p.add_argument("--anchors", required=True)
p.add_argument("--arch", choices=["restormer", "ast"], required=True)
p.add_argument("--kwargs", required=True, help="the official constructor arguments as JSON")
p.add_argument("--size", type=int, default=256)
p.add_argument("--runs", type=int, default=5)
p.add_argument("--threads", type=int, default=2)
p.add_argument("--onnx", help="export to this file instead of timing")
a = p.parse_args()

import torch

torch.set_num_threads(a.threads)
try:
    torch.set_num_interop_threads(1)
except RuntimeError:
    pass

if "timm" not in sys.modules:
    try:
        import timm.models.layers  # noqa: F401
    except Exception:
        # AST imports three helpers from timm; at inference they are plain (drop path is off in eval mode)
        layers = types.ModuleType("timm.models.layers")

        class DropPath(torch.nn.Module):
            def __init__(self, p=0.0):
                super().__init__()

            def forward(self, x):
                return x

        layers.DropPath = DropPath
        layers.to_2tuple = lambda v: tuple(v) if isinstance(v, (tuple, list)) else (v, v)
        layers.trunc_normal_ = lambda t, std=1.0, **k: torch.nn.init.trunc_normal_(t, std=std)
        for name in ("timm", "timm.models"):
            sys.modules[name] = types.ModuleType(name)
        sys.modules["timm.models.layers"] = layers


def load(path, name):
    if not os.path.isfile(path):
        print("RESTOREJ-RESULT " + json.dumps({"missing": path}))
        sys.exit(0)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, os.path.dirname(path))
    spec.loader.exec_module(module)
    return module


kwargs = json.loads(a.kwargs)
if a.arch == "restormer":
    net = load(os.path.join(a.anchors, "Restormer", "basicsr", "models", "archs", "restormer_arch.py"),
               "restormer_arch").Restormer(**kwargs)
else:
    net = load(os.path.join(a.anchors, "AST", "model.py"), "ast_model").AST(**kwargs)
net.eval()
torch.manual_seed(42)
x = torch.rand(1, kwargs.get("inp_channels", kwargs.get("dd_in", 3)), a.size, a.size)
with torch.no_grad():
    if a.onnx:
        torch.onnx.export(net, x, a.onnx, opset_version=17, input_names=["input"], output_names=["output"])
        print("RESTOREJ-RESULT " + json.dumps({"onnx": a.onnx, "torch": torch.__version__}))
        sys.exit(0)
    net(x)  # warm-up
    seconds = []
    for _ in range(a.runs):
        t0 = time.perf_counter()
        net(x)
        seconds.append(time.perf_counter() - t0)
print("RESTOREJ-RESULT " + json.dumps({"seconds": seconds, "torch": torch.__version__,
                                       "threads": torch.get_num_threads()}))
