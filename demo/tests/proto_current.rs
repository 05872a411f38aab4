//! The gRPC code in `src/grpc/generated.rs` is checked in, so that building the demo needs no
//! protobuf compiler; this test compiles `proto/` with protox (pure Rust) and tonic-prost-build
//! and fails when the checked-in code differs. `BLESS_PROTO=1 cargo test -p
//! authos-errors-demo --test proto_current` rewrites it.

use std::path::Path;

#[test]
fn generated_grpc_code_is_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = protox::compile(["authos/demo/v1/demo.proto"], [root.join("proto")])
        .expect("proto compiles");
    let out = std::env::temp_dir().join(format!("authos-demo-proto-{}", std::process::id()));
    std::fs::create_dir_all(&out).expect("temp dir");
    tonic_prost_build::configure()
        .build_transport(false)
        .out_dir(&out)
        .compile_fds(files)
        .expect("code generated");
    let generated = std::fs::read_to_string(out.join("authos.demo.v1.rs")).expect("generated file");
    let _ = std::fs::remove_dir_all(&out);
    let checked_in_path = root.join("src/grpc/generated.rs");
    if std::env::var_os("BLESS_PROTO").is_some() {
        std::fs::write(&checked_in_path, &generated).expect("written");
    }
    let checked_in = std::fs::read_to_string(&checked_in_path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "src/grpc/generated.rs is not what proto/ generates: run `BLESS_PROTO=1 cargo test -p authos-errors-demo --test proto_current` and commit it"
    );
}
