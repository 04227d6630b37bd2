//! For Windows (GNU) targets: links packaging/windows/meetpack.rc (the icon) into
//! meetpack.exe, so Explorer and its "Open with" list show MeetPack's icon, not a blank one.
//! Other targets build nothing here.

use std::env;
use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=../../packaging/windows/meetpack.rc");
    println!("cargo::rerun-if-changed=../../packaging/windows/meetpack.ico");
    let os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let abi = env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os != "windows" || abi != "gnu" {
        return;
    }
    let arch = env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    // MinGW-w64's windres for the target (the package that links the exe installs it);
    // WINDRES overrides.
    let windres = env::var("WINDRES").unwrap_or_else(|_| format!("{arch}-w64-mingw32-windres"));
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let rc = manifest.join("../../packaging/windows/meetpack.rc");
    let out = PathBuf::from(env::var("OUT_DIR").expect("set by cargo")).join("meetpack-rc.o");
    let status = Command::new(&windres)
        .arg("-O")
        .arg("coff")
        .arg("-i")
        .arg(&rc)
        .arg("-o")
        .arg(&out)
        .status();
    match status {
        Ok(s) if s.success() => println!("cargo::rustc-link-arg-bins={}", out.display()),
        // An exe without its icon still works: say so rather than fail the build.
        _ => println!("cargo::warning={windres} failed or is missing: meetpack.exe has no icon"),
    }
}
