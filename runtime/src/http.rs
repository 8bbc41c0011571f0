//! The HTTP shape of an operation: what generated code writes into a request (path, query, header and
//! cookie parameters, a body) and reads from an answer. Knows no API: every rule here is OpenAPI's.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::fmt::Write as _;

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }

    pub(crate) fn to_reqwest(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Put => reqwest::Method::PUT,
            Method::Post => reqwest::Method::POST,
            Method::Delete => reqwest::Method::DELETE,
            Method::Options => reqwest::Method::OPTIONS,
            Method::Head => reqwest::Method::HEAD,
            Method::Patch => reqwest::Method::PATCH,
            Method::Trace => reqwest::Method::TRACE,
        }
    }
}

/// How a parameter's value is written (OpenAPI's `style`); `explode` is passed beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamStyle {
    /// `a,b,c`: the default of path and header parameters.
    Simple,
    /// `.a.b.c` in a path.
    Label,
    /// `;name=a,b,c` in a path.
    Matrix,
    /// `name=a&name=b` (exploded) or `name=a,b`: the default of query and cookie parameters.
    Form,
    /// `name=a%20b` in a query.
    SpaceDelimited,
    /// `name=a|b` in a query.
    PipeDelimited,
    /// `name[key]=value` in a query.
    DeepObject,
}

/// The request an operation writes: its path with parameters filled in, query, headers and body.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpRequest {
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    cookies: Vec<(String, String)>,
    body: Body,
}

/// A request body and its media type.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Empty,
    /// JSON text, sent as `application/json` unless another JSON media type is given.
    Json {
        bytes: Vec<u8>,
        content_type: &'static str,
    },
    /// `application/x-www-form-urlencoded`.
    Form(String),
    /// Any other media type, such as `text/plain`, `application/octet-stream` or `multipart/form-data`
    /// with its boundary.
    Raw {
        bytes: Vec<u8>,
        content_type: String,
    },
}

/// A part of a `multipart/form-data` body.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Part {
    /// A text field: a string, number or boolean as text, anything else as JSON.
    Text(String),
    /// A file's bytes.
    File(Vec<u8>),
}

impl HttpRequest {
    /// A request to `path`, a template whose `{name}` parameters [`path_param`](Self::path_param) fills.
    pub fn new(path: &str) -> Self {
        HttpRequest {
            path: path.to_owned(),
            query: Vec::new(),
            headers: Vec::new(),
            cookies: Vec::new(),
            body: Body::Empty,
        }
    }

    /// The path, with the parameters given so far.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query string (without `?`), each name and value percent-encoded; empty without parameters.
    pub fn query_string(&self) -> String {
        self.query.iter().map(|(name, value)| format!("{name}={value}")).collect::<Vec<_>>().join("&")
    }

    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    pub fn body(&self) -> &Body {
        &self.body
    }

    /// The `Cookie` header of the cookie parameters, if any.
    pub fn cookie_header(&self) -> Option<String> {
        (!self.cookies.is_empty())
            .then(|| self.cookies.iter().map(|(name, value)| format!("{name}={value}")).collect::<Vec<_>>().join("; "))
    }

    /// Fills `{name}` in the path; the value is percent-encoded so that it stays one segment.
    pub fn path_param<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
        style: ParamStyle,
        explode: bool,
    ) -> Result<(), serde_json::Error> {
        let value = serde_json::to_value(value)?;
        let text = match style {
            ParamStyle::Label => {
                let joined = join_value(&value, if explode { "." } else { "," }, explode, encode_segment);
                format!(".{joined}")
            }
            ParamStyle::Matrix => match &value {
                Value::Array(items) if explode => {
                    items.iter().map(|item| format!(";{name}={}", encode_segment(&scalar(item)))).collect()
                }
                Value::Object(map) if explode => {
                    map.iter().map(|(key, item)| format!(";{key}={}", encode_segment(&scalar(item)))).collect()
                }
                _ => format!(";{name}={}", join_value(&value, ",", false, encode_segment)),
            },
            _ => join_value(&value, ",", explode, encode_segment),
        };
        self.path = self.path.replace(&format!("{{{name}}}"), &text);
        Ok(())
    }

    /// Adds a query parameter; `None` and `null` add nothing.
    pub fn query_param<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
        style: ParamStyle,
        explode: bool,
    ) -> Result<(), serde_json::Error> {
        let value = serde_json::to_value(value)?;
        self.query.extend(pairs(name, &value, style, explode, encode_segment));
        Ok(())
    }

    /// Adds a header; `None` and `null` add nothing.
    pub fn header_param<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
        explode: bool,
    ) -> Result<(), serde_json::Error> {
        let value = serde_json::to_value(value)?;
        if !value.is_null() {
            self.headers.push((name.to_owned(), join_value(&value, ",", explode, keep)));
        }
        Ok(())
    }

    /// Adds a cookie; `None` and `null` add nothing.
    pub fn cookie_param<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
        explode: bool,
    ) -> Result<(), serde_json::Error> {
        let value = serde_json::to_value(value)?;
        self.cookies.extend(pairs(name, &value, ParamStyle::Form, explode, keep));
        Ok(())
    }

    /// A JSON body, as `application/json`.
    pub fn json<T: Serialize + ?Sized>(&mut self, body: &T) -> Result<(), serde_json::Error> {
        self.json_as(body, "application/json")
    }

    /// A JSON body with another JSON media type, such as `application/merge-patch+json`.
    pub fn json_as<T: Serialize + ?Sized>(
        &mut self,
        body: &T,
        content_type: &'static str,
    ) -> Result<(), serde_json::Error> {
        self.body = Body::Json { bytes: serde_json::to_vec(body)?, content_type };
        Ok(())
    }

    /// An `application/x-www-form-urlencoded` body from an object; absent and null fields are left out.
    pub fn form<T: Serialize + ?Sized>(&mut self, body: &T) -> Result<(), serde_json::Error> {
        let value = serde_json::to_value(body)?;
        let fields: Vec<(String, String)> = match &value {
            Value::Object(map) => {
                map.iter().flat_map(|(key, item)| pairs(key, item, ParamStyle::Form, true, keep)).collect()
            }
            other => pairs("value", other, ParamStyle::Form, true, keep),
        };
        let encoded = fields
            .iter()
            .map(|(key, item)| format!("{}={}", encode_form(key), encode_form(item)))
            .collect::<Vec<_>>()
            .join("&");
        self.body = Body::Form(encoded);
        Ok(())
    }

    /// A `multipart/form-data` body from named parts.
    pub fn multipart(&mut self, parts: &[(String, Part)]) {
        let boundary = format!("seam-rs-{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..));
        let mut bytes = Vec::new();
        for (name, part) in parts {
            let _ = write!(Bytes(&mut bytes), "--{boundary}\r\n");
            match part {
                Part::Text(text) => {
                    let _ =
                        write!(Bytes(&mut bytes), "Content-Disposition: form-data; name=\"{name}\"\r\n\r\n{text}\r\n");
                }
                Part::File(data) => {
                    let _ = write!(
                        Bytes(&mut bytes),
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    );
                    bytes.extend_from_slice(data);
                    bytes.extend_from_slice(b"\r\n");
                }
            }
        }
        let _ = write!(Bytes(&mut bytes), "--{boundary}--\r\n");
        self.body = Body::Raw { bytes, content_type: format!("multipart/form-data; boundary={boundary}") };
    }

    /// A body sent as given, such as `text/plain` or `application/octet-stream`.
    pub fn raw(&mut self, bytes: impl Into<Vec<u8>>, content_type: &str) {
        self.body = Body::Raw { bytes: bytes.into(), content_type: content_type.to_owned() };
    }
}

impl Part {
    /// A text part from any value: strings as they are, numbers and booleans as text, the rest as JSON;
    /// `None` when the value is absent or null.
    pub fn text<T: Serialize + ?Sized>(value: &T) -> Result<Option<Part>, serde_json::Error> {
        Ok(match serde_json::to_value(value)? {
            Value::Null => None,
            Value::String(text) => Some(Part::Text(text)),
            other => Some(Part::Text(other.to_string())),
        })
    }
}

/// `io::Write`-free `fmt::Write` over a byte buffer.
struct Bytes<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for Bytes<'_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.0.extend_from_slice(text.as_bytes());
        Ok(())
    }
}

/// A scalar as parameter text: strings unquoted, `null` empty, arrays and objects as JSON.
fn scalar(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Arrays as `a,b`, objects as `k,v,k2,v2` (or `k=v,k2=v2` exploded), each piece encoded.
fn join_value(value: &Value, separator: &str, explode: bool, encode: fn(&str) -> String) -> String {
    match value {
        Value::Array(items) => items.iter().map(|item| encode(&scalar(item))).collect::<Vec<_>>().join(separator),
        Value::Object(map) if explode => map
            .iter()
            .map(|(key, item)| format!("{}={}", encode(key), encode(&scalar(item))))
            .collect::<Vec<_>>()
            .join(separator),
        Value::Object(map) => {
            map.iter().flat_map(|(key, item)| [encode(key), encode(&scalar(item))]).collect::<Vec<_>>().join(separator)
        }
        other => encode(&scalar(other)),
    }
}

/// Query or cookie pairs of one parameter; `encode` applies to names and values, never to the
/// delimiters between the values of one parameter (RFC 6570).
fn pairs(
    name: &str,
    value: &Value,
    style: ParamStyle,
    explode: bool,
    encode: fn(&str) -> String,
) -> Vec<(String, String)> {
    let key = encode(name);
    match (value, style) {
        (Value::Null, _) => Vec::new(),
        (Value::Array(items), ParamStyle::Form) if explode => {
            items.iter().map(|item| (key.clone(), encode(&scalar(item)))).collect()
        }
        (Value::Array(_), ParamStyle::SpaceDelimited) => vec![(key, join_value(value, "%20", false, encode))],
        (Value::Array(_), ParamStyle::PipeDelimited) => vec![(key, join_value(value, "|", false, encode))],
        (Value::Object(map), ParamStyle::DeepObject) => map
            .iter()
            .filter(|(_, item)| !item.is_null())
            .map(|(field, item)| (encode(&format!("{name}[{field}]")), encode(&scalar(item))))
            .collect(),
        (Value::Object(map), _) if explode => map
            .iter()
            .filter(|(_, item)| !item.is_null())
            .map(|(field, item)| (encode(field), encode(&scalar(item))))
            .collect(),
        _ => vec![(key, join_value(value, ",", false, encode))],
    }
}

fn keep(text: &str) -> String {
    text.to_owned()
}

const SEGMENT: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

pub(crate) fn encode_segment(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, SEGMENT).to_string()
}

fn encode_form(text: &str) -> String {
    encode_segment(text).replace("%20", "+")
}

/// An answer with a 2xx status, for an operation to decode.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    pub status: u16,
    pub content_type: Option<String>,
    /// As received: not copied out of the transport's buffer.
    pub body: bytes::Bytes,
}

/// Why a success body did not decode: where, and the decoder's error.
#[derive(Debug)]
pub struct DecodeError {
    /// Where in the body decoding failed, such as `access_codes[3].status`; `.` for the whole body.
    pub field: String,
    pub source: serde_json::Error,
}

impl HttpResponse {
    /// The body as JSON of type `T`.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, DecodeError> {
        serde_json::from_slice(&self.body).map_err(|source| DecodeError {
            // Found from where serde_json stopped, rather than by decoding again through a tracking
            // deserializer, which would compile every response type's decoder a second time.
            field: json_path_at(&self.body, source.line(), source.column()),
            source,
        })
    }

    /// The body as text (invalid UTF-8 replaced).
    pub fn text(&self) -> Result<String, DecodeError> {
        Ok(String::from_utf8_lossy(&self.body).into_owned())
    }

    /// The body's bytes.
    pub fn bytes(&self) -> Result<Vec<u8>, DecodeError> {
        Ok(self.body.to_vec())
    }

    /// Nothing: the answer's body, if any, is ignored.
    pub fn empty(&self) -> Result<(), DecodeError> {
        Ok(())
    }
}

/// The path (`acs_credential.errors[2].code`, `.` for the whole body) of the innermost value at a
/// position serde_json reports (1-based line and column), found by scanning the body's tokens without
/// building anything; iterative, so no body is too deep for it.
fn json_path_at(body: &[u8], line: usize, column: usize) -> String {
    enum Frame {
        /// An object, with the key of the member being read once its `:` is past.
        Object {
            key: Option<String>,
            in_value: bool,
        },
        Array {
            index: usize,
        },
    }
    let Some(line_start) = (if line <= 1 {
        Some(0)
    } else {
        body.iter().enumerate().filter(|(_, b)| **b == b'\n').nth(line - 2).map(|(at, _)| at + 1)
    }) else {
        return ".".to_owned();
    };
    let offset = (line_start + column).saturating_sub(1);
    let mut stack: Vec<Frame> = Vec::new();
    let mut at = 0;
    // Whether the position is on the `}`, `]` or `,` that ends the innermost container's member: the
    // error is then the container's (a missing field), not its last member's.
    let mut on_close = false;
    while at < body.len() {
        let byte = body[at];
        if at > offset {
            break;
        }
        if at == offset && matches!(byte, b'}' | b']' | b',') {
            on_close = true;
            break;
        }
        match byte {
            b'{' => stack.push(Frame::Object { key: None, in_value: false }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b':' => {
                if let Some(Frame::Object { in_value, .. }) = stack.last_mut() {
                    *in_value = true;
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { key, in_value }) => (*key, *in_value) = (None, false),
                None => {}
            },
            b'"' => {
                let start = at + 1;
                at = start;
                while at < body.len() && body[at] != b'"' {
                    at += if body[at] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object { key: key @ None, in_value: false }) = stack.last_mut() {
                    *key = Some(String::from_utf8_lossy(&body[start..at.min(body.len())]).into_owned());
                }
            }
            _ => {}
        }
        at += 1;
    }
    let mut path = String::new();
    let innermost = stack.len().saturating_sub(usize::from(on_close));
    for frame in &stack[..innermost] {
        match frame {
            Frame::Object { key: Some(key), in_value: true } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object { .. } => break,
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    if path.is_empty() {
        path.push('.');
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn path_parameters_are_one_encoded_segment() {
        let mut request = HttpRequest::new("/pets/{petId}/toys/{ids}");
        request.path_param("petId", "a b/c", ParamStyle::Simple, false).unwrap();
        request.path_param("ids", &[1, 2], ParamStyle::Simple, false).unwrap();
        assert_eq!(request.path(), "/pets/a%20b%2Fc/toys/1,2");
        let mut label = HttpRequest::new("/x/{v}");
        label.path_param("v", &["a", "b"], ParamStyle::Label, true).unwrap();
        assert_eq!(label.path(), "/x/.a.b");
        let mut matrix = HttpRequest::new("/x/{v}");
        matrix.path_param("v", &["a", "b"], ParamStyle::Matrix, true).unwrap();
        assert_eq!(matrix.path(), "/x/;v=a;v=b");
    }

    #[test]
    fn query_styles() {
        let map: BTreeMap<&str, i32> = [("a", 1), ("b", 2)].into();
        let mut request = HttpRequest::new("/");
        request.query_param("tag", &["x", "y"], ParamStyle::Form, true).unwrap();
        request.query_param("ids", &[1, 2], ParamStyle::Form, false).unwrap();
        request.query_param("piped", &[1, 2], ParamStyle::PipeDelimited, false).unwrap();
        request.query_param("filter", &map, ParamStyle::DeepObject, true).unwrap();
        request.query_param("absent", &None::<i32>, ParamStyle::Form, true).unwrap();
        request.query_param("spaced", &["a b", "c"], ParamStyle::SpaceDelimited, false).unwrap();
        assert_eq!(
            request.query_string(),
            "tag=x&tag=y&ids=1,2&piped=1|2&filter%5Ba%5D=1&filter%5Bb%5D=2&spaced=a%20b%20c"
        );
    }

    #[test]
    fn headers_cookies_and_form() {
        let mut request = HttpRequest::new("/");
        request.header_param("X-Ids", &[1, 2], false).unwrap();
        request.header_param("X-None", &None::<String>, false).unwrap();
        request.cookie_param("session", "abc", true).unwrap();
        request.cookie_param("theme", "dark", true).unwrap();
        assert_eq!(request.headers(), [("X-Ids".to_owned(), "1,2".to_owned())]);
        assert_eq!(request.cookie_header().as_deref(), Some("session=abc; theme=dark"));
        request.form(&serde_json::json!({"name": "a b&c", "age": 3, "none": null})).unwrap();
        // The fields' order is serde_json's map order, which its `preserve_order` feature decides.
        let Body::Form(form) = request.body() else { panic!("not a form") };
        let mut fields: Vec<&str> = form.split('&').collect();
        fields.sort_unstable();
        assert_eq!(fields, ["age=3", "name=a+b%26c"]);
    }

    #[test]
    fn multipart_parts_are_delimited() {
        let mut request = HttpRequest::new("/");
        request
            .multipart(&[("name".to_owned(), Part::Text("x".to_owned())), ("file".to_owned(), Part::File(vec![0, 1]))]);
        let Body::Raw { bytes, content_type } = request.body() else { panic!("not raw") };
        let boundary = content_type.strip_prefix("multipart/form-data; boundary=").unwrap();
        let text = String::from_utf8_lossy(bytes);
        assert!(
            text.starts_with(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n"))
        );
        assert!(text.ends_with(&format!("\r\n--{boundary}--\r\n")));
    }
}

#[cfg(test)]
mod path_tests {
    use super::HttpResponse;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Answer {
        items: Vec<Item>,
        next: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Item {
        id: String,
        tags: Vec<String>,
    }

    fn field(body: &str) -> String {
        let response = HttpResponse { status: 200, content_type: None, body: body.as_bytes().to_vec().into() };
        response.json::<Answer>().unwrap_err().field
    }

    #[test]
    fn a_decode_error_names_the_field_where_serde_json_stopped() {
        assert_eq!(field(r#"{"items": [{"id": "a", "tags": []}, {"id": 7, "tags": []}]}"#), "items[1].id");
        assert_eq!(field(r#"{"items": [{"id": "a", "tags": ["x", 2]}]}"#), "items[0].tags[1]");
        assert_eq!(field("{\n  \"items\": [],\n  \"next\": {\"x\": 1}\n}"), "next");
        // A missing field is the object's.
        assert_eq!(field(r#"{"items": [{"id": "a"}]}"#), "items[0]");
        assert_eq!(field(r#"{"next": "n"}"#), ".");
        assert_eq!(field(r#"{"items": [{"id": "a\"b", "tags": {}}]}"#), "items[0].tags");
        // serde reads a struct from an array too: the first element is where it failed.
        assert_eq!(field("[1, 2]"), "[0]");
        assert_eq!(field("not json"), ".");
    }
}
