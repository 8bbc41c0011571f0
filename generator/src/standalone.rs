//! `seam-codegen crate`: a complete crate for any OpenAPI 3.0 document: a `Cargo.toml` that depends
//! on the runtime crate `seam-codegen-runtime`, a crate root with the API's client, and the
//! generated bindings.
//!
//! The client is named after the crate (`--name petstore` gives `Petstore` and `PetstoreBuilder`);
//! its default endpoint is the document's first absolute server, and its builder has one method per
//! security scheme (bearer and OAuth 2 tokens, HTTP basic, API keys in a header, the query string or
//! a cookie).

use crate::diagnostics::{Diagnostic, Pointer};
use crate::naming::{pascal_ident, snake_ident};
use crate::write::{self, OutputFile, WriteSummary};
use crate::{generate, Error, Settings};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::path::{Component, Path, PathBuf};

const MANIFEST_TEMPLATE: &str = include_str!("../templates/Cargo.toml.in");

/// The runtime crate's sources beside the generator's, where a crate written by this build of
/// seam-codegen finds them unless `--runtime` says otherwise.
pub const BUNDLED_RUNTIME: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../runtime");

/// Module names a crate root takes (the runtime's re-exports in a written crate, the hand-written
/// modules of the `seam` crate); a group of operations may not use them.
pub const RESERVED_MODULES: &[&str] =
    &["auth", "client", "error", "generated", "action_attempt_wait", "wire", "serde_json", "reqwest"];

/// The names the root of a written crate re-exports from the runtime: the client may not take one.
const ROOT_NAMES: &[&str] = &[
    "ApiError",
    "Body",
    "Credential",
    "DateTime",
    "DecodeError",
    "Error",
    "ErrorKind",
    "Execute",
    "FieldError",
    "HttpRequest",
    "HttpResponse",
    "InvalidInputError",
    "Items",
    "Method",
    "Nullable",
    "Operation",
    "Page",
    "Pages",
    "Paginated",
    "ParamStyle",
    "Part",
    "Result",
    "RetryPolicy",
    "RetryStop",
    "ValidationError",
];

/// The builder methods every client has: a security scheme's method takes another name.
const BUILDER_METHODS: &[&str] =
    &["builder", "endpoint", "credential", "header", "http_client", "timeout", "deadline", "retry", "build"];

/// What a client needs from a document besides its operations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApiInfo {
    /// `info.title`.
    pub title: String,
    /// The first server's URL, its variables at their defaults.
    pub server_url: Option<String>,
    /// `components/securitySchemes`, in the document's order.
    pub security: Vec<SecurityScheme>,
}

/// One entry of `components/securitySchemes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityScheme {
    /// The scheme's key in `components/securitySchemes`.
    pub name: String,
    pub kind: SchemeKind,
    pub description: Option<String>,
}

/// How a credential travels, as far as a client can send it by itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeKind {
    /// `Authorization: Bearer`: an `http` bearer scheme, or an OAuth 2 or OpenID Connect access token
    /// obtained elsewhere.
    Bearer,
    /// `Authorization: Basic`.
    Basic,
    /// An API key in this header.
    ApiKeyHeader(String),
    /// An API key in this query parameter.
    ApiKeyQuery(String),
    /// An API key in this cookie.
    ApiKeyCookie(String),
    /// An `http` scheme other than bearer and basic (`digest`, `hoba`, ...), which needs a handshake
    /// the client does not make.
    Unsupported(String),
}

impl ApiInfo {
    pub fn of(api: &openapiv3::OpenAPI) -> Self {
        let server_url = api.servers.first().map(|server| {
            let mut url = server.url.clone();
            for (name, variable) in server.variables.iter().flatten() {
                url = url.replace(&format!("{{{name}}}"), &variable.default);
            }
            url
        });
        let schemes = api.components.as_ref().map(|components| &components.security_schemes);
        let security = schemes
            .into_iter()
            .flatten()
            .map(|(name, scheme)| {
                use openapiv3::{APIKeyLocation, ReferenceOr, SecurityScheme as S};
                let (kind, description) = match scheme {
                    ReferenceOr::Reference { reference } => {
                        (SchemeKind::Unsupported(format!("a reference (`{reference}`)")), None)
                    }
                    ReferenceOr::Item(S::HTTP { scheme, description, .. }) => {
                        let kind = match scheme.to_ascii_lowercase().as_str() {
                            "bearer" => SchemeKind::Bearer,
                            "basic" => SchemeKind::Basic,
                            _ => SchemeKind::Unsupported(format!("the HTTP scheme `{scheme}`")),
                        };
                        (kind, description.clone())
                    }
                    ReferenceOr::Item(S::APIKey { location, name, description, .. }) => {
                        let kind = match location {
                            APIKeyLocation::Header => SchemeKind::ApiKeyHeader(name.clone()),
                            APIKeyLocation::Query => SchemeKind::ApiKeyQuery(name.clone()),
                            APIKeyLocation::Cookie => SchemeKind::ApiKeyCookie(name.clone()),
                        };
                        (kind, description.clone())
                    }
                    ReferenceOr::Item(S::OAuth2 { description, .. } | S::OpenIDConnect { description, .. }) => {
                        (SchemeKind::Bearer, description.clone())
                    }
                };
                SecurityScheme { name: name.clone(), kind, description }
            })
            .collect();
        ApiInfo { title: api.info.title.clone(), server_url, security }
    }
}

/// The runtime crate as the written crate's manifest names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Runtime {
    /// Its sources in this directory, as the manifest writes it (relative to the crate, or absolute).
    Path(String),
    /// A version from a registry.
    Version(String),
}

impl Runtime {
    fn dependency(&self) -> String {
        let quoted = |text: &str| toml_string(text);
        match self {
            Runtime::Path(path) => format!("{{ path = {} }}", quoted(path)),
            Runtime::Version(version) => quoted(version),
        }
    }
}

fn toml_string(text: &str) -> String {
    // TOML basic strings escape as JSON strings do, for the characters a path or version holds.
    serde_json::Value::String(text.to_owned()).to_string()
}

/// The files of the crate, in memory: `Cargo.toml` separately, since it is not Rust.
pub fn crate_files(
    spec_text: &str,
    source_name: &str,
    crate_name: &str,
    runtime: &Runtime,
    settings: &Settings,
) -> Result<(String, Vec<OutputFile>, Vec<Diagnostic>), Error> {
    check_crate_name(crate_name)?;
    let regenerate_command = format!("seam-codegen crate --spec <spec> --out <dir> --name {crate_name}");
    let settings = Settings {
        crate_name: crate_name.replace('-', "_"),
        client_name: client_name(crate_name),
        regenerate_command: regenerate_command.clone(),
        ..settings.clone()
    };
    let generated = generate(spec_text, source_name, &settings)?;
    let source =
        Path::new(source_name).file_name().map_or_else(|| source_name.to_owned(), |f| f.to_string_lossy().into_owned());
    let mut warnings = generated.warnings;
    let (credentials, mut scheme_warnings) = credential_methods(&generated.api.security);
    crate::locate(spec_text, &mut scheme_warnings);
    warnings.extend(scheme_warnings);
    let mut files: Vec<OutputFile> = generated
        .files
        .into_iter()
        .map(|file| OutputFile { path: format!("src/generated/{}", file.path), contents: file.contents })
        .collect();
    let root = crate_root(&generated.api, &source, &settings.client_name, &credentials);
    files.push(write::render("src/lib.rs", root, &regenerate_command).map_err(Error::Emit)?);
    let manifest = MANIFEST_TEMPLATE
        .replace("{name}", crate_name)
        .replace("{description}", &toml_string(&format!("Typed client generated by seam-codegen from {source}")))
        .replace("{runtime}", &runtime.dependency());
    Ok((manifest, files, warnings))
}

/// Writes the crate into `out_dir`, only what changed, nothing at all if the spec has an error. The
/// manifest reaches the runtime at `runtime` by a relative path when there is one.
pub fn write_crate(
    spec: &Path,
    out_dir: &Path,
    crate_name: &str,
    runtime: &Path,
    settings: &Settings,
) -> Result<(Vec<Diagnostic>, WriteSummary), Error> {
    let text = std::fs::read_to_string(spec).map_err(|source| Error::Read { path: spec.to_owned(), source })?;
    let runtime_dir =
        runtime.canonicalize().ok().filter(|dir| dir.join("Cargo.toml").is_file()).ok_or_else(|| Error::Read {
            path: runtime.to_owned(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "not the sources of seam-codegen-runtime (no Cargo.toml); give them with --runtime DIR",
            ),
        })?;
    let output = |source| Error::Output { path: out_dir.to_owned(), source };
    // Resolved before anything is written, so that a bad spec leaves no empty directory behind.
    let out_parent = out_dir.parent().filter(|parent| !parent.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let relative = out_parent
        .canonicalize()
        .ok()
        .and_then(|parent| out_dir.file_name().map(|name| parent.join(name)))
        .and_then(|out| relative_path(&out, &runtime_dir));
    let runtime = Runtime::Path(relative.unwrap_or(runtime_dir).to_string_lossy().replace('\\', "/"));
    let (manifest, files, warnings) = crate_files(&text, &spec.display().to_string(), crate_name, &runtime, settings)?;
    let mut summary = write::write(out_dir, &files).map_err(output)?;
    let manifest_path = out_dir.join("Cargo.toml");
    if std::fs::read_to_string(&manifest_path).ok().as_deref() != Some(manifest.as_str()) {
        std::fs::write(&manifest_path, manifest).map_err(output)?;
        summary.written.push("Cargo.toml".to_owned());
    }
    Ok((warnings, summary))
}

/// `to` from the directory `from`, both absolute: `../../runtime`.
fn relative_path(from: &Path, to: &Path) -> Option<PathBuf> {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    // Only the root in common (another drive, or nothing shared at all): absolute is clearer.
    if common <= 1 {
        return None;
    }
    let mut path: PathBuf = from[common..].iter().map(|_| Component::ParentDir).collect();
    path.extend(&to[common..]);
    Some(if path.as_os_str().is_empty() { PathBuf::from(".") } else { path })
}

/// The client's type name: the crate's name in UpperCamelCase, with `Client` added where the crate
/// root already has the name (`--name error` gives `ErrorClient`).
pub fn client_name(crate_name: &str) -> String {
    let name = pascal_ident(crate_name);
    let builder = format!("{name}Builder");
    if ROOT_NAMES.contains(&name.as_str()) || ROOT_NAMES.contains(&builder.as_str()) || name.starts_with("r#") {
        format!("{}Client", name.trim_start_matches("r#"))
    } else {
        name.to_string()
    }
}

/// A builder method that sets one security scheme's credential.
struct CredentialMethod<'a> {
    method: String,
    scheme: &'a SecurityScheme,
}

/// A method per supported scheme, named after it and unique; a warning per scheme the client cannot
/// send, so that nothing is left out without a word.
fn credential_methods(schemes: &[SecurityScheme]) -> (Vec<CredentialMethod<'_>>, Vec<Diagnostic>) {
    let mut methods: Vec<CredentialMethod> = Vec::new();
    let mut warnings = Vec::new();
    for scheme in schemes {
        let pointer = Pointer::root().push("components").push("securitySchemes").push(&scheme.name);
        if let SchemeKind::Unsupported(what) = &scheme.kind {
            warnings.push(Diagnostic::at(
                &pointer,
                format!(
                    "security scheme `{}` ignored: the client cannot send {what} by itself; give the header with `.header(..)` or a `Credential` with `.credential(..)`",
                    scheme.name
                ),
            ));
            continue;
        }
        let base = snake_ident(&scheme.name).trim_start_matches("r#").to_owned();
        let base = if BUILDER_METHODS.contains(&base.as_str()) { format!("{base}_credential") } else { base };
        let mut method = base.clone();
        let mut counter = 2;
        while methods.iter().any(|taken| taken.method == method) {
            method = format!("{base}_{counter}");
            counter += 1;
        }
        if method != base {
            warnings.push(Diagnostic::at(
                &pointer,
                format!("security scheme `{}` is set with `{method}`: `{base}` is taken", scheme.name),
            ));
        }
        methods.push(CredentialMethod { method, scheme });
    }
    (methods, warnings)
}

/// `src/lib.rs`: the module of the bindings, the runtime's re-exports, and the API's client.
fn crate_root(api: &ApiInfo, source: &str, client_name: &str, credentials: &[CredentialMethod]) -> TokenStream {
    let client = format_ident!("{client_name}");
    let builder = format_ident!("{client_name}Builder");
    let title = if api.title.trim().is_empty() { source.to_owned() } else { api.title.trim().to_owned() };
    let crate_doc = [
        format!(" Typed client for {title}, generated by seam-codegen from `{source}`."),
        String::new(),
        format!(
            " [`{client_name}`] is the client (endpoint, credentials, timeouts, retries); the operations hang off it in groups that"
        ),
        " follow the HTTP paths, and the shared schemas are in [`types`]. The runtime under it is the crate".to_owned(),
        " `seam-codegen-runtime`.".to_owned(),
    ];
    let endpoint = api
        .server_url
        .as_deref()
        .filter(|url| (url.starts_with("https://") || url.starts_with("http://")) && !url.contains('{'))
        .map(|url| url.trim_end_matches('/').to_owned());
    let (endpoint_const, endpoint_init, endpoint_doc) = match &endpoint {
        Some(url) => (
            quote! {
                /// The API's server, the first of the document's `servers`.
                pub const DEFAULT_ENDPOINT: &str = #url;
            },
            quote!(DEFAULT_ENDPOINT),
            " The base URL; default [`DEFAULT_ENDPOINT`].",
        ),
        None => (TokenStream::new(), quote!(""), " The base URL. Required: the document names no absolute server URL."),
    };
    let methods = credentials.iter().map(credential_method);
    let set_credential = (!credentials.is_empty()).then(|| {
        quote! {
            /// Sets a scheme's credential, replacing what it had.
            fn set_credential(mut self, scheme: &'static str, credential: Result<Credential>) -> Self {
                self.credentials.retain(|(taken, _)| *taken != Some(scheme));
                self.credentials.push((Some(scheme), credential));
                self
            }
        }
    });
    let builder_doc = format!(
        " Settings of a [`{client_name}`]. A credential is checked by [`build`](Self::build), which names the one that is wrong."
    );
    quote! {
        #(#![doc = #crate_doc])*

        // prettyplease formats the generated files; rustfmt would fight it.
        #[rustfmt::skip]
        mod generated;

        pub use generated::*;
        pub use seam_codegen_runtime::{
            reqwest, serde_json, wire, ApiError, Body, Credential, DateTime, DecodeError, Error, ErrorKind, FieldError,
            HttpRequest, HttpResponse, InvalidInputError, Method, Nullable, Operation, Page, Paginated, ParamStyle,
            Part, Result, RetryPolicy, RetryStop, ValidationError, DEFAULT_DEADLINE, DEFAULT_TIMEOUT,
        };

        #endpoint_const

        /// The pages of a list request.
        pub type Pages<O> = seam_codegen_runtime::Pages<O, #client>;
        /// Every item of a paginated list.
        pub type Items<T> = seam_codegen_runtime::Items<T>;

        /// The API's client: every operation is reachable from it. Cheap to clone (clones share the
        /// connection pool) and safe to share across tasks.
        #[derive(Debug, Clone)]
        pub struct #client {
            client: seam_codegen_runtime::Client,
        }

        impl #client {
            /// A client with settings: endpoint, credentials, HTTP client, timeout, retries.
            pub fn builder() -> #builder {
                #builder {
                    settings: seam_codegen_runtime::Client::builder(#endpoint_init)
                        .user_agent(concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")))
                        .error_reader(seam_codegen_runtime::read_json_error),
                    credentials: Vec::new(),
                }
            }

            /// The base URL requests go to.
            pub fn endpoint(&self) -> &str {
                self.client.endpoint()
            }

            /// This client with another per-attempt timeout; the connection pool is shared.
            pub fn with_timeout(&self, timeout: std::time::Duration) -> Self {
                #client { client: self.client.with_timeout(timeout) }
            }

            /// This client with another deadline per call: attempts and the waits between them end by then.
            pub fn with_deadline(&self, deadline: std::time::Duration) -> Self {
                #client { client: self.client.with_deadline(deadline) }
            }

            /// This client with another retry policy ([`RetryPolicy::none`] switches retries off).
            pub fn with_retry(&self, retry: RetryPolicy) -> Self {
                #client { client: self.client.with_retry(retry) }
            }

            /// Sends any operation and returns its whole response. Each call is a `tracing` span
            /// `api_call`; neither credentials nor bodies are recorded.
            pub async fn execute<O: Operation>(&self, request: &O) -> Result<O::Response> {
                self.client.execute(request).await
            }
        }

        impl seam_codegen_runtime::Execute for #client {
            type Error = Error;

            fn execute<O>(&self, request: &O) -> impl std::future::Future<Output = Result<O::Response>> + Send
            where
                O: Operation + Sync,
                O::Response: Send,
            {
                #client::execute(self, request)
            }
        }

        #[doc = #builder_doc]
        #[derive(Debug)]
        pub struct #builder {
            settings: seam_codegen_runtime::ClientBuilder,
            /// By security scheme, the key of `components/securitySchemes`; `None` for
            /// [`credential`](Self::credential)'s.
            credentials: Vec<(Option<&'static str>, Result<Credential>)>,
        }

        impl #builder {
            #(#methods)*

            /// Any other credential, sent with every request besides the others.
            pub fn credential(mut self, credential: Credential) -> Self {
                self.credentials.push((None, Ok(credential)));
                self
            }

            #[doc = #endpoint_doc]
            pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
                self.settings = self.settings.endpoint(endpoint);
                self
            }

            /// A header sent with every request; checked by [`build`](Self::build).
            pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
                self.settings = self.settings.header(name, value);
                self
            }

            /// A `reqwest::Client` of your own (proxies, TLS roots, connection limits).
            pub fn http_client(mut self, http: reqwest::Client) -> Self {
                self.settings = self.settings.http_client(http);
                self
            }

            /// The timeout of each attempt; default [`DEFAULT_TIMEOUT`] (30 s).
            pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
                self.settings = self.settings.timeout(timeout);
                self
            }

            /// How long a call may take in all, attempts and the waits between them included;
            /// default [`DEFAULT_DEADLINE`] (60 s).
            pub fn deadline(mut self, deadline: std::time::Duration) -> Self {
                self.settings = self.settings.deadline(deadline);
                self
            }

            /// The retry policy; default [`RetryPolicy::default`], [`RetryPolicy::none`] for none.
            pub fn retry(mut self, retry: RetryPolicy) -> Self {
                self.settings = self.settings.retry(retry);
                self
            }

            /// The client, or [`Error::Config`] naming the setting that is wrong.
            pub fn build(self) -> Result<#client> {
                let mut settings = self.settings;
                for (scheme, credential) in self.credentials {
                    let credential = credential.map_err(|error| match (scheme, error) {
                        (Some(scheme), Error::Config(message)) => {
                            Error::Config(format!("the credential of `{scheme}`: {message}"))
                        }
                        (_, error) => error,
                    })?;
                    settings = settings.credential(credential);
                }
                Ok(#client { client: settings.build()? })
            }

            #set_credential
        }
    }
}

fn credential_method(credential: &CredentialMethod) -> TokenStream {
    let method = format_ident!("{}", credential.method);
    let scheme = &credential.scheme.name;
    let (how, parameters, make) = match &credential.scheme.kind {
        SchemeKind::Bearer => (
            "Sent as `Authorization: Bearer <token>`.".to_owned(),
            quote!(token: impl Into<String>),
            quote!(Credential::bearer(token)),
        ),
        SchemeKind::Basic => (
            "Sent as `Authorization: Basic <user:password in base64>`.".to_owned(),
            quote!(user: impl Into<String>, password: impl Into<String>),
            quote!(Credential::basic(user, password)),
        ),
        SchemeKind::ApiKeyHeader(header) => (
            format!("Sent in the header `{header}`."),
            quote!(key: impl Into<String>),
            quote!(Credential::api_key_header(#header, key)),
        ),
        SchemeKind::ApiKeyQuery(parameter) => (
            format!("Sent as the query parameter `{parameter}`; errors never quote the URL."),
            quote!(key: impl Into<String>),
            quote!(Credential::api_key_query(#parameter, key)),
        ),
        SchemeKind::ApiKeyCookie(cookie) => {
            let prefix = format!("{cookie}=");
            (
                format!("Sent as the cookie `{cookie}`."),
                quote!(key: impl Into<String>),
                quote!(Credential::api_key_header("cookie", format!("{}{}", #prefix, key.into()))),
            )
        }
        SchemeKind::Unsupported(_) => return TokenStream::new(),
    };
    let mut doc = vec![format!(" The credential of the security scheme `{scheme}`. {how}")];
    if let Some(description) = credential.scheme.description.as_deref().filter(|d| !d.trim().is_empty()) {
        doc.push(String::new());
        doc.extend(crate::emit::sanitize_markdown(description.trim()).lines().map(|line| format!(" {line}")));
    }
    quote! {
        #(#[doc = #doc])*
        pub fn #method(self, #parameters) -> Self {
            self.set_credential(#scheme, #make)
        }
    }
}

fn check_crate_name(name: &str) -> Result<(), Error> {
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !crate::naming::RUST_KEYWORDS.contains(&name);
    if valid {
        Ok(())
    } else {
        Err(Error::Spec {
            source_name: "--name".to_owned(),
            diagnostics: vec![Diagnostic {
                location: crate::Location::Pointer("#".to_owned()),
                message: format!(
                    "`{name}` is not a crate name: use letters, digits, `-` and `_`, starting with a letter"
                ),
                position: None,
            }],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(spec_tail: &str) -> ApiInfo {
        let text = format!("openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\n{spec_tail}");
        crate::generate(&text, "spec.yaml", &Settings::default()).unwrap().api
    }

    #[test]
    fn the_server_url_takes_its_variables_defaults() {
        assert_eq!(
            info("servers: [{url: 'https://api.example.com/v2/'}]").server_url.unwrap(),
            "https://api.example.com/v2/"
        );
        let with_variables =
            "servers:\n  - url: 'https://{region}.example.com'\n    variables: {region: {default: eu}}";
        assert_eq!(info(with_variables).server_url.unwrap(), "https://eu.example.com");
        assert_eq!(info("").server_url, None);
    }

    #[test]
    fn security_schemes_become_kinds_in_document_order() {
        let api = info(
            "components:\n  securitySchemes:\n    token: {type: http, scheme: Bearer}\n    login: {type: http, scheme: basic}\n    key: {type: apiKey, in: header, name: X-Key}\n    q: {type: apiKey, in: query, name: api_key}\n    c: {type: apiKey, in: cookie, name: sid}\n    oauth: {type: oauth2, flows: {}}\n    digest: {type: http, scheme: digest}\n",
        );
        let kinds: Vec<(&str, &SchemeKind)> = api.security.iter().map(|s| (s.name.as_str(), &s.kind)).collect();
        assert_eq!(
            kinds,
            [
                ("token", &SchemeKind::Bearer),
                ("login", &SchemeKind::Basic),
                ("key", &SchemeKind::ApiKeyHeader("X-Key".to_owned())),
                ("q", &SchemeKind::ApiKeyQuery("api_key".to_owned())),
                ("c", &SchemeKind::ApiKeyCookie("sid".to_owned())),
                ("oauth", &SchemeKind::Bearer),
                ("digest", &SchemeKind::Unsupported("the HTTP scheme `digest`".to_owned())),
            ]
        );
    }

    #[test]
    fn credential_methods_are_unique_and_unsupported_schemes_are_reported() {
        let scheme = |name: &str, kind| SecurityScheme { name: name.to_owned(), kind, description: None };
        let schemes = [
            scheme("apiKey", SchemeKind::ApiKeyHeader("x".to_owned())),
            scheme("api_key", SchemeKind::ApiKeyQuery("k".to_owned())),
            scheme("build", SchemeKind::Bearer),
            scheme("digest", SchemeKind::Unsupported("the HTTP scheme `digest`".to_owned())),
        ];
        let (methods, warnings) = credential_methods(&schemes);
        let names: Vec<&str> = methods.iter().map(|m| m.method.as_str()).collect();
        assert_eq!(names, ["api_key", "api_key_2", "build_credential"]);
        let messages: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0]
            .starts_with("#/components/securitySchemes/api_key: security scheme `api_key` is set with `api_key_2`"));
        assert!(messages[1].starts_with("#/components/securitySchemes/digest: security scheme `digest` ignored"));
    }

    #[test]
    fn the_client_is_named_after_the_crate_unless_the_root_has_the_name() {
        assert_eq!(client_name("petstore"), "Petstore");
        assert_eq!(client_name("fixture-query-params"), "FixtureQueryParams");
        assert_eq!(client_name("error"), "ErrorClient");
        assert_eq!(client_name("page"), "PageClient");
    }

    #[test]
    fn the_runtime_is_reached_by_a_relative_path() {
        let relative =
            |from: &str, to: &str| relative_path(Path::new(from), Path::new(to)).map(|p| p.display().to_string());
        assert_eq!(relative("/work/main/target/crates/a", "/work/main/runtime").as_deref(), Some("../../../runtime"));
        assert_eq!(relative("/work/main", "/work/main/runtime").as_deref(), Some("runtime"));
        assert_eq!(relative("/tmp/a", "/work/runtime"), None);
    }

    #[test]
    fn a_dependency_is_quoted_for_toml() {
        assert_eq!(Runtime::Path("../run \"time\"".to_owned()).dependency(), r#"{ path = "../run \"time\"" }"#);
        assert_eq!(Runtime::Version("0.1".to_owned()).dependency(), r#""0.1""#);
    }
}
