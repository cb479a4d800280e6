//! Reads JSON lines `{ "preset" | "book", "call", "request" }` on stdin (`book`:
//! a price book's JSON text) and writes one JSON line per request: the result,
//! or `{ "error": code, "message" }`.
//! The parity test runs the same lines through the wasm package and compares.
use std::collections::HashMap;
use std::io::{BufRead, Write};

use ratecard::{request, RateEngine};
use serde_json::Value;

fn run(line: &str, books: &mut HashMap<String, RateEngine>) -> Result<String, ratecard::Error> {
    let v: Value = request::from_json(line)?;
    let preset = v.get("preset").and_then(Value::as_str).unwrap_or_default();
    let call = v.get("call").and_then(Value::as_str).unwrap_or_default();
    let req = v.get("request").map(Value::to_string).unwrap_or_default();
    let engine = match v.get("book").and_then(Value::as_str) {
        Some(text) => match books.get(text) {
            Some(e) => e.clone(),
            None => {
                let e = RateEngine::from_json(text)?;
                books.insert(text.to_string(), e.clone());
                e
            }
        },
        None => RateEngine::preset(preset)?,
    };
    let json = match call {
        "quote" => serde_json::to_string(&engine.quote(&request::from_json(&req)?)?),
        "buyPacks" => serde_json::to_string(&engine.buy_packs(&request::from_json(&req)?)?),
        "capacity" => serde_json::to_string(&engine.capacity(&request::from_json(&req)?)?),
        "simulate" => serde_json::to_string(&engine.simulate(&request::from_json(&req)?)?),
        other => {
            return Err(ratecard::Error::new(
                ratecard::ErrorKind::InvalidRequest,
                format!("call: no method {other}"),
            ))
        }
    };
    Ok(json.unwrap_or_default())
}

fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout());
    let mut books = HashMap::new();
    for line in stdin.lock().lines().map_while(Result::ok) {
        let text =
            run(&line, &mut books).unwrap_or_else(|e| serde_json::json!({ "error": e.code(), "message": e.message() }).to_string());
        let _ = writeln!(out, "{text}");
    }
}
