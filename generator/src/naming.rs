//! Every naming decision the generator makes: case conversion, keywords, and collisions.
//!
//! Later stages never invent a name; they print what the model decided here.

use heck::{ToPascalCase, ToSnakeCase};
use std::collections::BTreeMap;
use std::fmt;

/// A Rust identifier as this module decided it (`acs_credential_id`, `r#type`, `AcsCredential`).
/// Only this module makes one, so that the model holds decided names and the emitters print them:
/// they cannot build a `Name`, only read one.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Name(String);

impl Name {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The identifier without its raw prefix: `type` for `r#type`, as docs and messages write it.
    pub fn bare(&self) -> &str {
        self.0.trim_start_matches("r#")
    }
}

impl std::ops::Deref for Name {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// As the string it is, so that model snapshots read as before.
impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

impl From<Name> for String {
    fn from(name: Name) -> String {
        name.0
    }
}

/// The module of shared schemas.
pub fn types_module() -> Name {
    Name("types".to_owned())
}

/// The module of the operations outside any group.
pub fn root_module() -> Name {
    Name("operations".to_owned())
}

/// The field of a request that holds its body, next to its parameters.
pub fn body_field() -> Name {
    Name("body".to_owned())
}

/// Every Rust keyword, strict, reserved and edition-dependent, in one list so that one test covers them.
pub const RUST_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be written as raw identifiers (`r#self` is not allowed).
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// A snake_case identifier for a field, method or module: `acs_credential_id`, `r#type`.
pub fn snake_ident(wire: &str) -> Name {
    let base = wire.to_snake_case();
    let base = if base.is_empty() { "field".to_owned() } else { base };
    let base = if base.starts_with(|c: char| c.is_ascii_digit()) { format!("n{base}") } else { base };
    escape_keyword(base)
}

/// A PascalCase identifier for a type or enum variant: `AcsCredential`, `MobileKey`.
pub fn pascal_ident(wire: &str) -> Name {
    let base = wire.to_pascal_case();
    let base = if base.is_empty() { "Empty".to_owned() } else { base };
    let base = if base.starts_with(|c: char| c.is_ascii_digit()) { format!("V{base}") } else { base };
    escape_keyword(base)
}

fn escape_keyword(name: String) -> Name {
    Name(if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if RUST_KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    })
}

/// The name of the type of an inline schema: its parent's name and its property's.
pub fn inline_type(parent: &str, property: &str) -> Name {
    pascal_ident(&format!("{parent}_{}", property.to_pascal_case()))
}

/// The type of the items of an inline array.
pub fn item_type(parent: &str, property: &str) -> Name {
    inline_type(parent, &format!("{property}_item"))
}

/// A request body type: `create` becomes `CreateRequest`.
pub fn request_type(method: &str) -> Name {
    pascal_ident(&format!("{method}_request"))
}

/// A success response type: `create` becomes `CreateResponse`.
pub fn response_type(method: &str) -> Name {
    pascal_ident(&format!("{method}_response"))
}

/// The enum of an operation's success answers when they differ by status: `create` becomes
/// `CreateResponses` (`CreateResponse` may be the inline type of one of them).
pub fn status_enum(method: &str) -> Name {
    pascal_ident(&format!("{method}_responses"))
}

/// The variant of one success status: its reason phrase (`Ok`, `Created`, `NoContent`), or
/// `Status299`; `Other` for `2XX` and `default`.
pub fn status_variant(status: Option<u16>) -> Name {
    Name(match status {
        Some(200) => "Ok".to_owned(),
        Some(201) => "Created".to_owned(),
        Some(202) => "Accepted".to_owned(),
        Some(203) => "NonAuthoritativeInformation".to_owned(),
        Some(204) => "NoContent".to_owned(),
        Some(205) => "ResetContent".to_owned(),
        Some(206) => "PartialContent".to_owned(),
        Some(207) => "MultiStatus".to_owned(),
        Some(208) => "AlreadyReported".to_owned(),
        Some(226) => "ImUsed".to_owned(),
        Some(code) => format!("Status{code}"),
        None => "Other".to_owned(),
    })
}

/// The enum of an operation's documented error answers: `create` becomes `CreateErrors`.
pub fn error_enum(method: &str) -> Name {
    pascal_ident(&format!("{method}_errors"))
}

/// The variant of one documented error answer: its reason phrase (`NotFound`), `Status418`,
/// `ClientError` and `ServerError` for `4XX` and `5XX`, `Other` for `default`.
pub fn error_variant(status: Option<u16>, range: Option<u16>) -> Name {
    Name(match (status, range) {
        (Some(400), _) => "BadRequest".to_owned(),
        (Some(401), _) => "Unauthorized".to_owned(),
        (Some(402), _) => "PaymentRequired".to_owned(),
        (Some(403), _) => "Forbidden".to_owned(),
        (Some(404), _) => "NotFound".to_owned(),
        (Some(405), _) => "MethodNotAllowed".to_owned(),
        (Some(406), _) => "NotAcceptable".to_owned(),
        (Some(408), _) => "RequestTimeout".to_owned(),
        (Some(409), _) => "Conflict".to_owned(),
        (Some(410), _) => "Gone".to_owned(),
        (Some(412), _) => "PreconditionFailed".to_owned(),
        (Some(413), _) => "PayloadTooLarge".to_owned(),
        (Some(415), _) => "UnsupportedMediaType".to_owned(),
        (Some(422), _) => "UnprocessableEntity".to_owned(),
        (Some(429), _) => "TooManyRequests".to_owned(),
        (Some(500), _) => "InternalServerError".to_owned(),
        (Some(501), _) => "NotImplemented".to_owned(),
        (Some(502), _) => "BadGateway".to_owned(),
        (Some(503), _) => "ServiceUnavailable".to_owned(),
        (Some(504), _) => "GatewayTimeout".to_owned(),
        (Some(code), _) => format!("Status{code}"),
        (None, Some(4)) => "ClientError".to_owned(),
        (None, Some(5)) => "ServerError".to_owned(),
        (None, Some(digit)) => format!("Status{digit}xx"),
        (None, None) => "Other".to_owned(),
    })
}

/// The client struct of a group of operations: `["acs", "credentials"]` becomes `AcsCredentials`.
pub fn group_client(path: &[String]) -> Name {
    pascal_ident(&path.join("_"))
}

/// The variant of an untagged union for one branch: the component it refers to, the constants that
/// identify it (`status: pending`, `action_type: LOCK_DOOR` give `PendingLockDoor`), or the kind of value.
pub fn untagged_variant(component: Option<&str>, consts: &[(String, String)], kind: &str) -> Name {
    match component {
        Some(component) => pascal_ident(component),
        None if !consts.is_empty() => {
            pascal_ident(&consts.iter().map(|(_, value)| value.as_str()).collect::<Vec<_>>().join("_"))
        }
        None => pascal_ident(kind),
    }
}

/// The base of a numbered name for a second field that converts to the same name: `foo_bar` gives
/// `foo_bar_` (then `foo_bar_2`...), a raw `r#type` gives `type_`.
pub fn numbered_base(name: &str) -> String {
    format!("{}_", name.trim_start_matches("r#"))
}

/// The page-by-page variant of a list method: `list` becomes `list_pages`.
pub fn pages_method(method: &str) -> Name {
    snake_ident(&format!("{method}_pages"))
}

/// The all-items stream variant of a list method: `list` becomes `list_all`.
pub fn all_items_method(method: &str) -> Name {
    snake_ident(&format!("{method}_all"))
}

/// The variant of an open enum or tagged union that keeps values this version does not know: always
/// `Unknown`, so that adding a value to the spec never changes what user code matches.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// [`UNKNOWN_VARIANT`], as the model holds it.
pub fn unknown_variant() -> Name {
    Name(UNKNOWN_VARIANT.to_owned())
}

/// The variant of a spec value of an enum or a union's tag: its PascalCase name, except that the
/// value `unknown` (or `Unknown`...) is `UnknownValue`, since `Unknown` is the catch-all.
pub fn value_variant(wire: &str) -> Name {
    let name = pascal_ident(wire);
    if name == UNKNOWN_VARIANT {
        Name("UnknownValue".to_owned())
    } else {
        name
    }
}

/// The names of an enum's variants, with the catch-all already taken.
pub fn variant_scope() -> Scope {
    let mut scope = Scope::default();
    scope.claim(UNKNOWN_VARIANT, "the catch-all of values this version does not know").expect("empty scope");
    scope
}

/// The field that holds properties named by `additionalProperties` next to declared ones.
pub fn additional_properties_field(taken: &[Name]) -> Name {
    let name = ["additional_properties".to_owned(), "additional_properties_map".to_owned()]
        .into_iter()
        .chain((2..).map(|n| format!("additional_properties_{n}")))
        .find(|candidate| !taken.iter().any(|name| name == candidate.as_str()))
        .expect("an unbounded sequence has a free name");
    Name(name)
}

/// Names claimed in one Rust namespace (a module's types, a struct's fields), with where each came from,
/// so that a collision can name both places.
#[derive(Debug, Default)]
pub struct Scope {
    claimed: BTreeMap<String, String>,
    /// The names in the order they were claimed, so that [`Scope::rollback`] costs what it undoes.
    journal: Vec<String>,
}

impl Scope {
    /// Claims `name` for the thing at `origin`; on a collision returns the origin of the earlier claim.
    pub fn claim(&mut self, name: &str, origin: &str) -> Result<(), String> {
        match self.claimed.get(name) {
            Some(earlier) => Err(earlier.clone()),
            None => {
                self.claimed.insert(name.to_owned(), origin.to_owned());
                self.journal.push(name.to_owned());
                Ok(())
            }
        }
    }

    /// Claims `name`, or the first of `name2`, `name3`... that is free; returns the name claimed.
    pub fn claim_free(&mut self, name: &str, origin: &str) -> Name {
        let mut candidate = name.to_owned();
        let mut n = 2;
        while self.claimed.contains_key(&candidate) {
            candidate = format!("{name}{n}");
            n += 1;
        }
        self.claimed.insert(candidate.clone(), origin.to_owned());
        self.journal.push(candidate.clone());
        Name(candidate)
    }

    /// A point to [`Scope::rollback`] to.
    pub fn checkpoint(&self) -> usize {
        self.journal.len()
    }

    /// Frees every name claimed since `checkpoint`.
    pub fn rollback(&mut self, checkpoint: usize) {
        for name in self.journal.drain(checkpoint.min(self.journal.len())..) {
            self.claimed.remove(&name);
        }
    }

    pub fn contains(&self, name: &str) -> bool {
        self.claimed.contains_key(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_keyword_becomes_a_valid_identifier() {
        for keyword in RUST_KEYWORDS {
            let snake = snake_ident(keyword);
            let pascal = pascal_ident(keyword);
            for name in [snake, pascal] {
                let parsed = match name.strip_prefix("r#") {
                    Some(raw) => syn::parse_str::<syn::Ident>(&format!("r#{raw}")),
                    None => syn::parse_str::<syn::Ident>(&name),
                };
                assert!(parsed.is_ok(), "{keyword} became {name}, which is not an identifier");
            }
        }
        assert_eq!(snake_ident("type"), "r#type");
        assert_eq!(snake_ident("self"), "self_");
        assert_eq!(pascal_ident("self"), "Self_");
    }

    #[test]
    fn digits_and_punctuation() {
        assert_eq!(pascal_ident("1d"), "V1d");
        assert_eq!(snake_ident("2fa-code"), "n2fa_code");
        assert_eq!(pascal_ident("TLCode"), "TlCode");
        assert_eq!(pascal_ident("seam-workspace"), "SeamWorkspace");
        assert_eq!(pascal_ident(""), "Empty");
    }

    #[test]
    fn derived_names() {
        assert_eq!(inline_type("AcsCredential", "visionline_metadata"), "AcsCredentialVisionlineMetadata");
        assert_eq!(item_type("AcsCredential", "errors"), "AcsCredentialErrorsItem");
        assert_eq!(request_type("create_offline_code"), "CreateOfflineCodeRequest");
        assert_eq!(group_client(&["access_codes".into(), "unmanaged".into()]), "AccessCodesUnmanaged");
        assert_eq!(value_variant("unknown"), "UnknownValue");
        assert_eq!(value_variant("UNKNOWN"), "UnknownValue");
        assert_eq!(value_variant("unknown_error"), "UnknownError");
    }

    #[test]
    fn scope_reports_the_earlier_claim() {
        let mut scope = Scope::default();
        scope.claim("AcsCredential", "#/components/schemas/acs_credential").unwrap();
        let earlier = scope.claim("AcsCredential", "#/components/schemas/AcsCredential").unwrap_err();
        assert_eq!(earlier, "#/components/schemas/acs_credential");
        assert_eq!(scope.claim_free("AcsCredential", "x"), "AcsCredential2");
    }
}
