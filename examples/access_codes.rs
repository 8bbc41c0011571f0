//! Program an access code, change it, wait for the lock to take the change, list, and clean up.
//!
//! Against Seam's fake with its seeded key and lock, from the repository root:
//!
//! ```sh
//! npm --prefix tests/servers run serve    # in another terminal: the fake and Prism, until Ctrl-C
//! SEAM_ENDPOINT=http://127.0.0.1:8080 SEAM_API_KEY=seam_apikey1_token DEVICE_ID=august_device_1 \
//!     cargo run --example access_codes
//! ```

use seam::access_codes::{CreateRequest, DeleteRequest, ListRequest, UpdateRequest};
use seam::{Seam, WaitOptions};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seam = Seam::from_env()?;
    let device_id = std::env::var("DEVICE_ID").map_err(|_| "set DEVICE_ID to a lock's device id")?;

    let created = seam.access_codes().create(CreateRequest::new(&*device_id).name("Guest").code("2468")).await?;
    let code = created.access_code;
    println!("created {} ({}), status {}", code.access_code_id, code.name.as_deref().unwrap_or("unnamed"), code.status);

    let attempt = seam.access_codes().update(UpdateRequest::new(&*code.access_code_id).code("8642")).await?;
    let attempt = seam.wait_for_action_attempt(attempt, WaitOptions::default()).await?;
    println!("update {}: {}", attempt.action_type, attempt.status);

    let codes: Vec<_> = seam.access_codes().list_all(ListRequest::new().device_id(&*device_id)).try_collect().await?;
    for listed in &codes {
        println!("  {} {}", listed.access_code_id, listed.code.as_deref().unwrap_or("(hidden)"));
    }

    let attempt = seam.access_codes().delete(DeleteRequest::new(&*code.access_code_id)).await?;
    seam.wait_for_action_attempt(attempt, WaitOptions::default()).await?;
    println!("deleted {}", code.access_code_id);
    Ok(())
}
