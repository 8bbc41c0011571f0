use seam_bench::*;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[2]).unwrap();
    let format = if args[2].ends_with(".json") { Format::Json } else { Format::Yaml };
    let mut value: serde_json::Value = match format { Format::Yaml => serde_yaml::from_str(&text).unwrap(), Format::Json => serde_json::from_str(&text).unwrap() };
    let edits = progenitor_edits::apply(&mut value);
    println!("{edits:?}");
    let patched = match format { Format::Yaml => serde_yaml::to_string(&value).unwrap(), Format::Json => serde_json::to_string(&value).unwrap() };
    match args[1].as_str() {
        "ours" => match run_ours(&text, &args[2]) { Ok(o) => println!("ours ok {} lines", o.lines()), Err(e) => println!("ours err {e:?}") },
        _ => match run_progenitor(&patched, format) { Ok(o) => println!("prog ok {} lines", o.lines()), Err(e) => println!("prog err {e}") },
    }
}
