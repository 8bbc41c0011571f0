//! Stage 2's output: the generator's own model of the API. Every name and every order is decided
//! by the time a `Model` exists; emitters only print it, and nothing after this stage sees `openapiv3`.

/// The whole API: shared schemas and the tree of operation groups.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Types of `components/schemas` and the inline schemas inside them, in module `types`.
    pub types: Vec<TypeDef>,
    /// Top-level groups (`acs`, `access_codes`), in the order the spec first mentions them.
    pub groups: Vec<Group>,
}

/// A module of operations, such as `acs::credentials`, with its client struct `AcsCredentials`.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Module name (`credentials`); also the accessor method on the parent (`.credentials()`).
    pub module: String,
    /// Wire segments from the root: `["acs", "credentials"]`.
    pub path: Vec<String>,
    /// The client struct: `AcsCredentials`.
    pub client: String,
    pub operations: Vec<Operation>,
    /// Request, response and inline types of this group's operations.
    pub types: Vec<TypeDef>,
    pub subgroups: Vec<Group>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// HTTP path: `/acs/credentials/create`.
    pub http_path: String,
    /// Method name on the group client: `create`.
    pub method: String,
    pub docs: Docs,
    /// Request body type, defined in the group's module.
    pub request: String,
    /// Success body type, defined in the group's module.
    pub response: String,
    /// The field of the response the method returns (`x-response-key`); `None` returns `()`.
    pub response_key: Option<ResponseKey>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResponseKey {
    /// Rust field name in the response type.
    pub field: String,
    /// The Rust type of that field, as declared there.
    pub ty: FieldType,
}

/// A generated type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    pub name: String,
    pub docs: Docs,
    pub kind: TypeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct(Struct),
    /// A string enum that keeps values it does not know.
    Enum { variants: Vec<EnumVariant>, unknown: String },
    /// `oneOf` with a discriminator: the tag property selects the variant; unknown tags keep their JSON.
    TaggedUnion { tag: String, variants: Vec<UnionVariant>, unknown: String },
    /// A named schema that is not an object or enum: `pub type Name = ...;`.
    Alias(TypeRef),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// `additionalProperties` next to declared properties: a flattened map under this field name.
    pub additional: Option<(String, TypeRef)>,
    /// Requests get a constructor taking the required fields and a setter per optional field.
    pub builder: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Rust name (`r#type` for `type`).
    pub name: String,
    /// JSON name.
    pub wire: String,
    pub ty: FieldType,
    pub docs: Docs,
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

    pub fn is_required(&self) -> bool {
        matches!(self, FieldType::Required(_) | FieldType::RequiredNullable(_))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    pub name: String,
    pub wire: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    pub name: String,
    /// The discriminator value that selects this variant.
    pub tag_value: String,
    pub ty: TypeRef,
    pub docs: Docs,
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
    /// Any JSON value.
    Json,
    /// A generated type: module path from the crate root (`["types"]`, `["acs", "credentials"]`) and name.
    Named { module: Vec<String>, name: String },
    Vec(Box<TypeRef>),
    /// A JSON object with arbitrary keys.
    Map(Box<TypeRef>),
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
