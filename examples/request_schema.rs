//! Prints the JSON Schema of the engine's requests, generated from the Rust
//! types: `cargo run --example request_schema > schema/requests.schema.json`.
fn main() {
    println!("{}", ratecard::request::json_schemas());
}
