fn main() {
    use std::mem::size_of;
    println!("gen AccessCode {}", size_of::<seam::types::AccessCode>());
    println!("plain AccessCode {}", size_of::<seam_bench::plain::AccessCode>());
    println!("gen AcsCredential {}", size_of::<seam::types::AcsCredential>());
    println!("plain AcsCredential {}", size_of::<seam_bench::plain::AcsCredential>());
    println!("meta {}", size_of::<seam::types::AccessCodeDormakabaOracodeMetadata>());
    println!("nullable meta {}", size_of::<seam::Nullable<seam::types::AccessCodeDormakabaOracodeMetadata>>());
    println!("status {}", size_of::<seam::types::AccessCodeStatus>());
    println!("dt {}", size_of::<seam::DateTime>());
    println!("nullable dt {}", size_of::<seam::Nullable<seam::DateTime>>());
}
