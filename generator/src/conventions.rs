//! What an API's profile adds to plain OpenAPI, stated in one place. [`Conventions::seam`] is Seam's
//! API; [`Conventions::plain`] is HTTP as the document says it, for any other API.

/// An API's conventions.
#[derive(Debug, Clone, PartialEq)]
pub struct Conventions {
    /// Operations are grouped by their path's segments and the last one names the method
    /// (`/acs/credentials/create` is `seam.acs().credentials().create(..)`). Otherwise every operation
    /// is a method of the client itself, named from its `operationId`, or from its method and path.
    pub group_by_path: bool,
    /// A path whose `post` sits beside other methods generates only the `post`: Seam takes POST
    /// everywhere and documents some reads as GET aliases.
    pub post_wins: bool,
    /// An object body of an operation without parameters is the request type itself, rather than its
    /// `body` field.
    pub flatten_object_body: bool,
    /// Success bodies are an envelope: an object with this flag property (`ok`), left out of the
    /// response type, beside the result. Methods return the property named by
    /// [`response_key`](Self::response_key), an action attempt, or nothing.
    pub envelope_flag: Option<String>,
    /// The operation extension naming the response property a method returns (`x-response-key`).
    pub response_key: Option<String>,
    /// The response property carrying an action attempt that a change starts; a method whose answer
    /// has one returns it (or the whole answer).
    pub action_attempt_field: Option<String>,
    /// Cursor pagination: `page_cursor` in the request, `pagination { has_next_page, next_page_cursor }`
    /// in the answer, beside the list the method returns.
    pub cursor_pagination: bool,
    pub retry_safety: RetrySafety,
    /// The error answers an operation documents (`4XX`, `404`, `default` beside a 2xx) get an enum
    /// with a variant per status, which the request type decodes from a failed call. Seam's errors
    /// are its envelope, which `seam::Error` reads.
    pub typed_errors: bool,
}

/// Which operations may be sent again after a timeout or a 5xx (maybe run by the server).
#[derive(Debug, Clone, PartialEq)]
pub enum RetrySafety {
    /// By the operation's name: its method name is one of these or starts with one and `_`.
    NamePrefixes(Vec<String>),
    /// By HTTP method: GET, HEAD, PUT, DELETE, OPTIONS and TRACE are idempotent; `x-idempotent: true`
    /// or `false` on an operation says otherwise.
    HttpMethod,
}

impl Conventions {
    /// Seam's API: POST with a JSON body everywhere, the `{"ok": true, ...}` envelope with
    /// `x-response-key`, action attempts, cursor pagination, retry safety by operation kind.
    pub fn seam() -> Self {
        Conventions {
            group_by_path: true,
            post_wins: true,
            flatten_object_body: true,
            envelope_flag: Some("ok".to_owned()),
            response_key: Some("x-response-key".to_owned()),
            action_attempt_field: Some("action_attempt".to_owned()),
            cursor_pagination: true,
            retry_safety: RetrySafety::NamePrefixes(
                ["get", "list", "update", "delete", "assign", "unassign", "generate", "report"]
                    .map(str::to_owned)
                    .to_vec(),
            ),
            typed_errors: false,
        }
    }

    /// Plain HTTP semantics, for any API without a profile of its own.
    pub fn plain() -> Self {
        Conventions {
            group_by_path: false,
            post_wins: false,
            flatten_object_body: false,
            envelope_flag: None,
            response_key: None,
            action_attempt_field: None,
            cursor_pagination: false,
            retry_safety: RetrySafety::HttpMethod,
            typed_errors: true,
        }
    }

    /// A profile by its name on the command line.
    pub fn named(name: &str) -> Option<Self> {
        match name {
            "seam" => Some(Conventions::seam()),
            "plain" => Some(Conventions::plain()),
            _ => None,
        }
    }
}
