//! Stage 2's output: the generator's own model of the API. Every name and every order is decided
//! by the time a `Model` exists (a Rust name is a [`Name`], which only `naming` makes); emitters only
//! print it, and nothing after this stage sees `openapiv3`.

pub use crate::naming::Name;

/// The whole API: every type in one arena, the modules that hold them, and the tree of operation
/// groups. Types refer to each other by [`TypeId`] and belong to a module by [`ModuleId`]; a path or
/// a name is never looked up by its text.
#[derive(Clone, PartialEq)]
pub struct Model {
    /// Every generated type, addressed by [`TypeId`]: the shared schemas and the request, response
    /// and inline types of each group.
    pub types: Vec<TypeDef>,
    /// Every module that holds types, addressed by [`ModuleId`]; [`ModuleId::TYPES`] first.
    pub modules: Vec<Module>,
    /// Top-level groups (`acs`, `access_codes`), in the order the spec first mentions them.
    pub groups: Vec<Group>,
    /// Operations outside any group, whose methods are the client's own, and their types (module
    /// `operations`).
    pub root: Group,
}

/// The types and modules by their ids, so that a model snapshot says which id is which.
impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        struct ById<'a, T>(&'a [T], fn(usize) -> String);
        impl<T: std::fmt::Debug> std::fmt::Debug for ById<'_, T> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let mut map = f.debug_map();
                for (index, item) in self.0.iter().enumerate() {
                    map.key(&format_args!("{}", (self.1)(index))).value(item);
                }
                map.finish()
            }
        }
        f.debug_struct("Model")
            .field("types", &ById(&self.types, |index| format!("{:?}", TypeId(index as u32))))
            .field("modules", &ById(&self.modules, |index| format!("{:?}", ModuleId(index as u32))))
            .field("groups", &self.groups)
            .field("root", &self.root)
            .finish()
    }
}

/// A type's place in [`Model::types`].
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub(crate) u32);

/// A module's place in [`Model::modules`].
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ModuleId(pub(crate) u32);

impl std::fmt::Debug for TypeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "type#{}", self.0)
    }
}

impl std::fmt::Debug for ModuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "module#{}", self.0)
    }
}

impl ModuleId {
    /// The module of shared schemas, `types`.
    pub const TYPES: ModuleId = ModuleId(0);
}

/// A module of generated types.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    /// Its path from the crate root, as Rust spells it: `["types"]`, `["acs", "credentials"]`,
    /// `["operations"]`.
    pub path: Vec<Name>,
    /// Its types, in output order.
    pub types: Vec<TypeId>,
}

impl Model {
    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0 as usize]
    }

    pub fn module(&self, id: ModuleId) -> &Module {
        &self.modules[id.0 as usize]
    }

    /// The types of a module, in output order.
    pub fn types_of(&self, module: ModuleId) -> impl Iterator<Item = &TypeDef> + '_ {
        self.module(module).types.iter().map(|id| self.ty(*id))
    }

    /// The shared schemas (module `types`), in output order.
    pub fn shared_types(&self) -> impl Iterator<Item = &TypeDef> + '_ {
        self.types_of(ModuleId::TYPES)
    }

    /// The path of a type's module from the crate root.
    pub fn module_path(&self, id: TypeId) -> &[Name] {
        &self.module(self.ty(id).module).path
    }

    /// Replaces every type id the model holds (references, request types, modules' lists) with
    /// `renumber`'s answer, for the resolver's compaction of its arena.
    pub(crate) fn renumber_types(&mut self, mut renumber: impl FnMut(TypeId) -> TypeId) {
        fn in_ref(ty: &mut TypeRef, renumber: &mut impl FnMut(TypeId) -> TypeId) {
            match ty {
                TypeRef::Named(id) => *id = renumber(*id),
                TypeRef::Vec(inner) | TypeRef::Map(inner) => in_ref(inner, renumber),
                _ => {}
            }
        }
        for def in &mut self.types {
            match &mut def.kind {
                TypeKind::Struct(s) => {
                    for field in &mut s.fields {
                        in_ref(field.ty.inner_mut(), &mut renumber);
                    }
                    if let Some((_, value)) = &mut s.additional {
                        in_ref(value, &mut renumber);
                    }
                }
                TypeKind::Enum { .. } => {}
                TypeKind::TaggedUnion { variants, .. } => {
                    variants.iter_mut().for_each(|variant| in_ref(&mut variant.ty, &mut renumber))
                }
                TypeKind::UntaggedUnion { variants } => {
                    variants.iter_mut().for_each(|variant| in_ref(&mut variant.ty, &mut renumber))
                }
                TypeKind::Alias(ty) => in_ref(ty, &mut renumber),
            }
        }
        for module in &mut self.modules {
            module.types.iter_mut().for_each(|id| *id = renumber(*id));
        }
        fn in_group(group: &mut Group, renumber: &mut impl FnMut(TypeId) -> TypeId) {
            for operation in &mut group.operations {
                operation.request_type = renumber(operation.request_type);
                match &mut operation.response {
                    ResponseType::Defined(id) => *id = renumber(*id),
                    ResponseType::Type(ty) => in_ref(ty, renumber),
                    ResponseType::ByStatus { variants, .. } => {
                        for variant in variants {
                            if let Payload::Json(ty) = &mut variant.payload {
                                in_ref(ty, renumber);
                            }
                        }
                    }
                    ResponseType::Unit | ResponseType::Text | ResponseType::Bytes => {}
                }
                if let Returns::Field(key) = &mut operation.returns {
                    in_ref(key.ty.inner_mut(), renumber);
                }
                if let Some(pagination) = &mut operation.pagination {
                    in_ref(&mut pagination.item, renumber);
                }
                for variant in operation.errors.iter_mut().flat_map(|errors| &mut errors.variants) {
                    if let Some(body) = &mut variant.body {
                        in_ref(body, renumber);
                    }
                }
            }
            for subgroup in &mut group.subgroups {
                in_group(subgroup, renumber);
            }
        }
        for group in self.groups.iter_mut().chain([&mut self.root]) {
            in_group(group, &mut renumber);
        }
    }

    /// Every group, depth first in output order, the root's own operations last.
    pub fn all_groups(&self) -> Vec<&Group> {
        let mut all = Vec::new();
        let mut stack: Vec<&Group> = self.groups.iter().rev().collect();
        while let Some(group) = stack.pop() {
            all.push(group);
            stack.extend(group.subgroups.iter().rev());
        }
        all.push(&self.root);
        all
    }
}

/// A module of operations, such as `acs::credentials`, with its client struct `AcsCredentials`.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Module name (`credentials`); also the accessor method on the parent (`.credentials()`).
    pub module: Name,
    /// Wire segments from the root: `["acs", "credentials"]`.
    pub path: Vec<String>,
    /// The client struct: `AcsCredentials`.
    pub client: Name,
    pub operations: Vec<Operation>,
    /// The module of this group's request, response and inline types.
    pub module_id: ModuleId,
    pub subgroups: Vec<Group>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    pub http_method: HttpMethod,
    /// HTTP path: `/acs/credentials/create`, or a template such as `/pets/{petId}`.
    pub http_path: String,
    /// Method name on the group client: `create`.
    pub method: Name,
    pub docs: Docs,
    /// Request type, defined in the group's module: the JSON body itself, or the parameters and a
    /// `body` field (see [`RequestBody`]).
    pub request: Name,
    /// Path, query, header and cookie parameters: fields of the request type.
    pub params: Vec<Param>,
    pub body: RequestBody,
    /// What a success answer decodes to.
    pub response: ResponseType,
    /// The error answers the document describes, when it describes any (and the profile types them).
    pub errors: Option<ErrorResponses>,
    /// How the answer's body is read.
    pub decode: Decode,
    /// The envelope's flag property (`ok`): a 2xx answer whose flag is `false` is an error.
    pub envelope_flag: Option<String>,
    /// What the method returns.
    pub returns: Returns,
    /// Whether sending the request twice does no more than sending it once, so that a timeout or a
    /// 5xx may be retried: reads, updates, deletes.
    pub retry_safe: bool,
    /// For list operations that take `page_cursor` and answer with `pagination`.
    pub pagination: Option<Pagination>,
    /// The types this operation defined (its request, response and inline types), as positions in
    /// its group's module: they are printed beside it, so that the operation is one block of code.
    pub owned_types: std::ops::Range<usize>,
    /// The request type (the first of `owned_types`): emitters read its fields and constraints from
    /// there.
    pub request_type: TypeId,
    /// The spec's first example of the request body, when the request type is the body itself: the
    /// doc example builds the request from it.
    pub request_example: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl HttpMethod {
    /// From an OpenAPI path item key (`get`, `post`...).
    pub fn from_key(key: &str) -> Option<Self> {
        Some(match key {
            "get" => HttpMethod::Get,
            "put" => HttpMethod::Put,
            "post" => HttpMethod::Post,
            "delete" => HttpMethod::Delete,
            "options" => HttpMethod::Options,
            "head" => HttpMethod::Head,
            "patch" => HttpMethod::Patch,
            "trace" => HttpMethod::Trace,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Head => "HEAD",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Trace => "TRACE",
        }
    }

    /// The runtime's `Method` variant.
    pub fn variant(self) -> &'static str {
        match self {
            HttpMethod::Get => "Get",
            HttpMethod::Put => "Put",
            HttpMethod::Post => "Post",
            HttpMethod::Delete => "Delete",
            HttpMethod::Options => "Options",
            HttpMethod::Head => "Head",
            HttpMethod::Patch => "Patch",
            HttpMethod::Trace => "Trace",
        }
    }
}

/// A parameter of an operation, held in a field of the request type.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Rust field name in the request type.
    pub field: Name,
    /// The name on the wire: `{petId}` in the path, `limit` in the query, `X-Request-Id`...
    pub wire: String,
    pub location: ParamLocation,
    /// The runtime's `ParamStyle` variant: `Simple`, `Form`, `DeepObject`...
    pub style: &'static str,
    pub explode: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

/// Where an operation's request body comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum RequestBody {
    /// No body.
    None,
    /// The request type itself is the JSON body (an object body of an operation without parameters,
    /// under conventions that flatten it, as Seam's).
    Itself { content_type: String },
    /// The request type's field `field` holds the body; `optional` when the spec does not require one.
    Field { field: Name, kind: BodyKind, optional: bool },
}

/// How a body is written.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyKind {
    /// Any JSON media type, such as `application/json; charset=utf-8` or `application/merge-patch+json`.
    Json { content_type: String },
    /// `application/x-www-form-urlencoded`, from an object.
    Form,
    /// `multipart/form-data`, from named parts the caller gives.
    Multipart,
    /// Text (`text/*`) or bytes (anything else) sent as given, with the spec's media type.
    Raw { content_type: String },
}

/// The type an operation's success answer decodes to.
#[derive(Debug, Clone, PartialEq)]
pub enum ResponseType {
    /// A type defined in the group's module for this operation (a Seam-style envelope).
    Defined(TypeId),
    /// Any type.
    Type(TypeRef),
    /// `()`: no body, or one that is not read.
    Unit,
    /// Text.
    Text,
    /// Bytes.
    Bytes,
    /// An enum defined in the group's module for this operation, with a variant per success status,
    /// because the 2xx responses differ.
    ByStatus { name: Name, variants: Vec<StatusVariant> },
}

/// The enum of an operation's documented error answers, defined in the group's module beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorResponses {
    pub name: Name,
    /// A variant per status; `status: None` for `4XX`, `5XX` and `default`, with `range` saying which.
    pub variants: Vec<ErrorVariant>,
}

/// One documented error answer.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorVariant {
    /// The status, or `None` for a range or `default`.
    pub status: Option<u16>,
    /// For a range, its first digit (`4` for `4XX`); `None` for an exact status and for `default`.
    pub range: Option<u16>,
    pub name: Name,
    /// The body's type; `None` when the answer has no JSON body (the variant then holds nothing).
    pub body: Option<TypeRef>,
}

/// The variant of a [`ResponseType::ByStatus`] enum for one success status.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusVariant {
    /// The status, or `None` for `2XX` and `default`: the variant of any other status.
    pub status: Option<u16>,
    pub name: Name,
    pub payload: Payload,
}

/// What one response's body holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    Json(TypeRef),
    Text,
    Bytes,
    Empty,
}

/// How a success answer's body is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decode {
    Json,
    Text,
    Bytes,
    Empty,
    /// By the answer's status, into the variants of a [`ResponseType::ByStatus`] enum.
    ByStatus,
}

/// What an operation's method returns.
#[derive(Debug, Clone, PartialEq)]
pub enum Returns {
    /// One field of the response (`x-response-key`).
    Field(ResponseKey),
    /// The whole response: it carries an action attempt next to the documented result, and the
    /// caller needs both.
    Whole,
    /// Nothing (`x-response-key: null` and nothing else worth returning).
    Nothing,
}

/// How to walk a paginated list.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// Method names of the page-by-page and item-stream variants: `list_pages`, `list_all`.
    pub pages_method: Name,
    pub all_method: Name,
    /// Request field holding the cursor, and whether it is `Nullable` (else `Option`).
    pub cursor_field: Name,
    pub cursor_nullable: bool,
    /// Response field holding the items, and the item type.
    pub items_field: Name,
    pub item: TypeRef,
    /// Response field holding the `pagination` object (`Option` when the answer may lack it), and
    /// whether its `next_page_cursor` is `Nullable`.
    pub pagination_field: Name,
    pub pagination_optional: bool,
    pub next_cursor_nullable: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResponseKey {
    /// Rust field name in the response type.
    pub field: Name,
    /// The Rust type of that field, as declared there.
    pub ty: FieldType,
}

/// A generated type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    pub name: Name,
    /// The module that defines it.
    pub module: ModuleId,
    /// The `components/schemas` entry it was made from, for a shared schema.
    pub schema: Option<String>,
    pub docs: Docs,
    pub kind: TypeKind,
    /// A type that requests hold (not an operation's own request type, whose checks are the
    /// operation's) with something to check before sending, in its fields, its variants, its map's
    /// values or in what they hold: it implements the runtime's `Validate`. Decided by
    /// `validation::mark`.
    pub validate: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct(Struct),
    /// A string enum that keeps values it does not know.
    Enum {
        variants: Vec<EnumVariant>,
        unknown: Name,
    },
    /// `oneOf` with a discriminator: the tag property selects the variant; unknown tags keep their JSON.
    TaggedUnion {
        tag: String,
        variants: Vec<UnionVariant>,
        unknown: Name,
    },
    /// `oneOf` without a discriminator, or `anyOf`: the variants are tried in order, and the first
    /// whose constant properties match and that decodes wins; when none does, the error says why each
    /// failed.
    UntaggedUnion {
        variants: Vec<UntaggedVariant>,
    },
    /// A named schema that is not an object or enum: `pub type Name = ...;`.
    Alias(TypeRef),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// `additionalProperties` next to declared properties: a flattened map under this field name.
    pub additional: Option<(Name, TypeRef)>,
    /// Requests get a constructor taking the required fields and a setter per optional field.
    pub builder: bool,
    /// `x-mutually-exclusive`: groups of fields (Rust names) of which a request may set at most one.
    pub exclusive: Vec<Vec<Name>>,
    /// `x-at-least-one`: groups of fields (Rust names) of which a request must set at least one.
    pub at_least_one: Vec<Vec<Name>>,
    /// `#[non_exhaustive]`, so that a field the API adds later breaks no caller: structs callers build
    /// with `new` and setters, and structs only answers hold. Decided by `growth::mark`.
    pub non_exhaustive: bool,
    /// Only requests hold it: the bindings write it and never read it, so it gets `Serialize` alone
    /// (decoding is most of what a struct costs to compile). Decided by `growth::mark`.
    pub request_only: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Rust name (`r#type` for `type`).
    pub name: Name,
    /// JSON name.
    pub wire: String,
    pub ty: FieldType,
    pub docs: Docs,
    /// Checked before a request is sent.
    pub constraints: Constraints,
    /// The field holds its type in a `Box`, because the type contains the struct (recursion).
    pub boxed: bool,
}

/// The spec's constraints on a value, checked client-side for requests.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    pub pattern: Option<String>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    /// `minItems` and `maxItems` of an array.
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    /// The constraints on each item of an array (`items`) or each value of a map
    /// (`additionalProperties`), when it has any.
    pub items: Option<Box<Constraints>>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        self == &Constraints::default()
    }
}

/// How a field's presence and nullability shape its Rust type.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldType {
    /// Required and never null: `T`.
    Required(TypeRef),
    /// Required but may be null: `Option<T>`, written as `null` when `None`.
    RequiredNullable(TypeRef),
    /// May be absent, never null: `Option<T>`, left out when `None`.
    Optional(TypeRef),
    /// May be absent or null: `Nullable<T>` with three states.
    OptionalNullable(TypeRef),
}

impl FieldType {
    pub fn inner(&self) -> &TypeRef {
        match self {
            FieldType::Required(ty)
            | FieldType::RequiredNullable(ty)
            | FieldType::Optional(ty)
            | FieldType::OptionalNullable(ty) => ty,
        }
    }

    pub fn inner_mut(&mut self) -> &mut TypeRef {
        match self {
            FieldType::Required(ty)
            | FieldType::RequiredNullable(ty)
            | FieldType::Optional(ty)
            | FieldType::OptionalNullable(ty) => ty,
        }
    }

    pub fn is_required(&self) -> bool {
        matches!(self, FieldType::Required(_) | FieldType::RequiredNullable(_))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    pub name: Name,
    pub wire: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    pub name: Name,
    /// The discriminator value that selects this variant.
    pub tag_value: String,
    pub ty: TypeRef,
    pub docs: Docs,
    /// The variant holds its type in a `Box` (recursion).
    pub boxed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UntaggedVariant {
    pub name: Name,
    pub ty: TypeRef,
    /// Required properties whose schema allows one string only: `(wire name, value)`. A value must carry
    /// them to match the variant, even though the variant's own field type would accept any string.
    pub consts: Vec<(String, String)>,
    /// What a request holding this variant checks on its value (`oneOf: [{type: string, pattern: ..}]`).
    pub constraints: Constraints,
    pub docs: Docs,
    /// The variant holds its type in a `Box` (recursion).
    pub boxed: bool,
}

/// A reference to a Rust type from a field, alias or variant.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum TypeRef {
    String,
    Bool,
    I32,
    I64,
    F32,
    F64,
    /// `format: date-time`: RFC 3339 text, parsed, written back as received.
    DateTime,
    /// Any JSON value.
    Json,
    /// A generated type.
    Named(TypeId),
    Vec(Box<TypeRef>),
    /// A JSON object with arbitrary keys.
    Map(Box<TypeRef>),
    /// Bytes, for bodies sent as they are.
    Bytes,
    /// The named parts of a `multipart/form-data` body.
    Parts,
}

/// Documentation taken from the spec.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Docs {
    pub title: Option<String>,
    pub description: Option<String>,
    /// The spec's `default`, rendered as JSON: documented, never sent on the caller's behalf.
    pub default: Option<String>,
    /// `deprecated: true` or `x-deprecated`, with the note when one is given.
    pub deprecated: Option<String>,
    /// `x-draft`: shown in the docs as a warning.
    pub draft: Option<String>,
    /// `x-undocumented`: kept, but hidden from rustdoc.
    pub hidden: bool,
    /// Extra lines, such as the HTTP path of an operation.
    pub notes: Vec<String>,
}
