//! Prints the JSON Schema of the rate-card format, generated from the Rust
//! types: `cargo run --example schema > schema/rate-card.schema.json`.
fn main() {
    println!("{}", ratecard::rate_card::json_schema());
}
