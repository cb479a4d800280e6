//! Calls the engine with a request given as JSON and prints the result:
//! `cargo run --example call -- heygen-credits quote '{"plan":"business","items":[...]}'`
//! Methods: quote, buyPacks, simulate, capacity, compare (any preset id).
use ratecard::{request, RateEngine};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(preset), Some(method), Some(text)) = (args.get(1), args.get(2), args.get(3)) else {
        eprintln!("usage: call PRESET quote|buyPacks|simulate|capacity|compare REQUEST_JSON");
        std::process::exit(2);
    };
    let result = RateEngine::preset(preset).and_then(|engine| match method.as_str() {
        "quote" => engine
            .quote(&request::from_json(text)?)
            .map(|r| serde_json::to_string_pretty(&r)),
        "buyPacks" => engine
            .buy_packs(&request::from_json(text)?)
            .map(|r| serde_json::to_string_pretty(&r)),
        "simulate" => engine
            .simulate(&request::from_json(text)?)
            .map(|r| serde_json::to_string_pretty(&r)),
        "capacity" => engine
            .capacity(&request::from_json(text)?)
            .map(|r| serde_json::to_string_pretty(&r)),
        "compare" => RateEngine::compare(&request::from_json(text)?).map(|r| serde_json::to_string_pretty(&r)),
        other => Err(ratecard::Error::new(
            ratecard::ErrorKind::InvalidRequest,
            format!("no method {other}"),
        )),
    });
    match result {
        Ok(Ok(json)) => println!("{json}"),
        Ok(Err(e)) => eprintln!("{e}"),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
