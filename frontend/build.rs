//! The app's wasm is linked with its relocations kept: the build splits it
//! by route with them (`xtask/src/app.rs`), and wasm-bindgen drops them
//! from what is served. Only this crate's binary, only for wasm: the ЭЦП
//! worker and host builds link as usual.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo::rustc-link-arg-bin=frontend=--emit-relocs");
    }
}
