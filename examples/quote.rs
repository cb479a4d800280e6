//! Prints a quote for a request given as JSON on the command line:
//! `cargo run --example quote -- heygen-credits '{"plan":"business","items":[...]}'`
use ratecard::{QuoteRequest, RateEngine};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(preset), Some(request)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: quote PRESET REQUEST_JSON");
        std::process::exit(2);
    };
    let result = RateEngine::preset(preset).and_then(|engine| {
        let req: QuoteRequest = serde_json::from_str(request)
            .map_err(|e| ratecard::Error::new(ratecard::ErrorKind::InvalidRequest, e.to_string()))?;
        engine.quote(&req)
    });
    match result {
        Ok(q) => println!("{}", serde_json::to_string_pretty(&q).unwrap_or_default()),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
