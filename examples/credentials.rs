//! Create a PIN code credential for an access system user, then change its end date.
//!
//! Seam's fake has no ACS credentials; run it against Prism, the contract mock of spec/seam.yaml (any
//! API key), from the repository root:
//!
//! ```sh
//! npm --prefix tests/servers run serve    # in another terminal: the fake and Prism, until Ctrl-C
//! SEAM_ENDPOINT=http://127.0.0.1:4010 SEAM_API_KEY=seam_test_key cargo run --example credentials
//! ```

use seam::acs::credentials::{CreateRequest, CreateRequestAccessMethod, ListRequest, UpdateRequest};
use seam::Seam;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seam = Seam::from_env()?;
    let credentials = seam.acs().credentials();

    let request = CreateRequest::new(CreateRequestAccessMethod::Code)
        .acs_user_id("53f39f90-5113-4bdd-8432-acf328ce508c")
        .code("1234")
        .starts_at("2030-06-19T21:08:08.000Z")
        .ends_at("2030-06-23T12:35:01.000Z");
    let credential = credentials.create(request).await?;
    println!("created {} ({}) for {:?}", credential.acs_credential_id, credential.display_name, credential.acs_user_id);

    let update = UpdateRequest::new(&*credential.acs_credential_id).ends_at("2030-06-30T12:00:00.000Z");
    credentials.update(update).await?;
    println!("moved the end date of {}", credential.acs_credential_id);

    let listed = credentials.list(ListRequest::new().acs_user_id("53f39f90-5113-4bdd-8432-acf328ce508c")).await?;
    println!("{} credentials for the user", listed.len());
    Ok(())
}
