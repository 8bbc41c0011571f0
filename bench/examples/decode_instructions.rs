//! Decodes one page of 1,000 objects `N` times, for counting instructions under callgrind, which does
//! not depend on what else the machine runs (bench/decode_instructions.sh):
//! `decode_instructions access_code|acs_credential generated|plain N`.

use seam_bench::{pages, plain};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, kind, side, times] = &args[..] else {
        panic!("usage: decode_instructions access_code|acs_credential generated|plain N")
    };
    let times: usize = times.parse().expect("N is a number");
    let page = match kind.as_str() {
        "access_code" => pages::page(1000, pages::access_code),
        "acs_credential" => pages::page(1000, pages::acs_credential),
        other => panic!("unknown kind {other}"),
    };
    let mut decoded = 0;
    for _ in 0..times {
        decoded += match (kind.as_str(), side.as_str()) {
            ("access_code", "generated") => {
                serde_json::from_slice::<Vec<seam::types::AccessCode>>(&page).unwrap().len()
            }
            ("access_code", "plain") => serde_json::from_slice::<Vec<plain::AccessCode>>(&page).unwrap().len(),
            ("acs_credential", "generated") => {
                serde_json::from_slice::<Vec<seam::types::AcsCredential>>(&page).unwrap().len()
            }
            ("acs_credential", "plain") => serde_json::from_slice::<Vec<plain::AcsCredential>>(&page).unwrap().len(),
            _ => panic!("unknown side {side}"),
        };
    }
    assert_eq!(decoded, times * 1000);
}
