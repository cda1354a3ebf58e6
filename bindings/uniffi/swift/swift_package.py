"""The Swift package: `assemble` lays it out, `check` checks it as SwiftPM and Xcode would read it
(no Swift compiler exists on these machines, so this is what can be checked here).

assemble OUT SWIFT_DIR: Package.swift and Info.plist from here, the generated Swift, and for each
slice Info.plist lists, Headers/ with the generated C header and module map (module.modulemap).

check OUT:

- Package.swift's targets have their paths: Sources/Akscompute with the generated Swift, and the
  binary target's XCFramework;
- the XCFramework's Info.plist parses, and every slice it lists has Headers/ with the C header
  and a module.modulemap declaring the module the Swift source imports, for that header;
- every function the C header declares is called from the Swift source (nothing half-generated).

Usage: python swift_package.py assemble target/swift/Akscompute bindings/uniffi/out/swift
       python swift_package.py check target/swift/Akscompute
"""
import os
import plistlib
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
XCF = "akscompute_uniffiFFI.xcframework"


def assemble(root, generated):
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.join(root, "Sources", "Akscompute"))
    shutil.copy(os.path.join(HERE, "Package.swift"), root)
    shutil.copy(os.path.join(generated, "akscompute_uniffi.swift"), os.path.join(root, "Sources", "Akscompute"))
    os.makedirs(os.path.join(root, XCF))
    shutil.copy(os.path.join(HERE, "Info.plist"), os.path.join(root, XCF))
    with open(os.path.join(HERE, "Info.plist"), "rb") as f:
        slices = plistlib.load(f)["AvailableLibraries"]
    for s in slices:
        headers = os.path.join(root, XCF, s["LibraryIdentifier"], s["HeadersPath"])
        os.makedirs(headers)
        shutil.copy(os.path.join(generated, "akscompute_uniffiFFI.h"), headers)
        shutil.copy(os.path.join(generated, "akscompute_uniffiFFI.modulemap"), os.path.join(headers, "module.modulemap"))
    print(f"swift package: {root} ({len(slices)} XCFramework slices; their static libraries are built on macOS)")


def fail(msg):
    print(f"swift layout: {msg}")
    sys.exit(1)


def check(root):
    manifest = open(os.path.join(root, "Package.swift"), encoding="utf-8").read()
    if not manifest.startswith("// swift-tools-version:"):
        fail("Package.swift does not start with its swift-tools-version line")
    paths = dict(re.findall(r'name: "([^"]+)"[^)]*?path: "([^"]+)"', manifest))
    if set(paths) != {"akscompute_uniffiFFI", "Akscompute"}:
        fail(f"Package.swift targets are {sorted(paths)}")
    sources = os.path.join(root, paths["Akscompute"])
    swift_files = [f for f in os.listdir(sources) if f.endswith(".swift")]
    if swift_files != ["akscompute_uniffi.swift"]:
        fail(f"{sources} holds {swift_files}")
    swift = open(os.path.join(sources, swift_files[0]), encoding="utf-8").read()
    imported = re.search(r"^\s*import (\w+FFI)\s*$", swift, re.M)
    if not imported or imported.group(1) != "akscompute_uniffiFFI":
        fail("the Swift source does not import akscompute_uniffiFFI")
    xcf = os.path.join(root, paths["akscompute_uniffiFFI"])
    with open(os.path.join(xcf, "Info.plist"), "rb") as f:
        plist = plistlib.load(f)
    if plist.get("CFBundlePackageType") != "XFWK":
        fail("Info.plist is not an XCFramework's")
    slices = plist.get("AvailableLibraries", [])
    if {s["SupportedPlatform"] for s in slices} != {"ios", "macos"}:
        fail("the XCFramework lacks an iOS or a macOS slice")
    for s in slices:
        headers = os.path.join(xcf, s["LibraryIdentifier"], s["HeadersPath"])
        header = open(os.path.join(headers, "akscompute_uniffiFFI.h"), encoding="utf-8").read()
        modulemap = open(os.path.join(headers, "module.modulemap"), encoding="utf-8").read()
        if not re.search(r'module akscompute_uniffiFFI\s*\{[^}]*header "akscompute_uniffiFFI.h"', modulemap):
            fail(f"{headers}/module.modulemap does not declare akscompute_uniffiFFI for its header")
    functions = set(re.findall(r"\b(uniffi_akscompute_uniffi_fn_\w+)\s*\(", header))
    if not functions:
        fail("the C header declares no function")
    missing = sorted(f for f in functions if f not in swift)
    if missing:
        fail(f"the Swift source never calls {missing[:5]}")
    print(f"swift layout: Package.swift, {len(swift)} bytes of Swift, {len(slices)} XCFramework slices, {len(functions)} C functions all used")


if __name__ == "__main__":
    if sys.argv[1:2] == ["assemble"] and len(sys.argv) == 4:
        assemble(sys.argv[2], sys.argv[3])
    elif sys.argv[1:2] == ["check"] and len(sys.argv) == 3:
        check(sys.argv[2])
    else:
        fail(__doc__)
