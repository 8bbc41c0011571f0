//! Stage 3: the model as Rust tokens, one emitter per concern. Emitters neither decide names
//! (the model carries them) nor do I/O (the writer formats and writes).

mod checks;
mod docs;
mod groups;
mod types;

pub use docs::sanitize as sanitize_markdown;

use crate::model::{Field, FieldType, Group, Model, ModuleId, Operation, TypeKind, TypeRef};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use std::collections::BTreeSet;

/// One file of generated code, as tokens, at a path relative to the output directory.
pub struct EmittedFile {
    pub path: String,
    pub tokens: TokenStream,
}

/// The files a model makes: the module list, the shared types, and one file per group of
/// operations, at a path that follows the group's (`acs/credentials.rs`).
#[derive(Debug, Clone, Copy)]
pub enum FileKind<'m> {
    Modules,
    Types,
    /// The operations outside any group.
    Root,
    /// A group, and whether it is a top-level one.
    Group(&'m Group, bool),
}

pub fn file_kinds(model: &Model) -> Vec<FileKind<'_>> {
    let mut kinds = vec![FileKind::Modules, FileKind::Types];
    if !model.root.operations.is_empty() {
        kinds.push(FileKind::Root);
    }
    let mut stack: Vec<(&Group, bool)> = model.groups.iter().rev().map(|group| (group, true)).collect();
    while let Some((group, top_level)) = stack.pop() {
        kinds.push(FileKind::Group(group, top_level));
        stack.extend(group.subgroups.iter().rev().map(|sub| (sub, false)));
    }
    kinds
}

/// std paths the emitters write in full, and the prelude names they have in hand-written code.
/// Longest first, so that `Option::Some` is not read as `Option` followed by `::Some`.
const PRELUDE_PATHS: &[(&[&str], &str)] = &[
    (&["std", "option", "Option", "Some"], "Some"),
    (&["std", "option", "Option", "None"], "None"),
    (&["std", "result", "Result", "Ok"], "Ok"),
    (&["std", "result", "Result", "Err"], "Err"),
    (&["std", "option", "Option"], "Option"),
    (&["std", "result", "Result"], "Result"),
    (&["std", "string", "String"], "String"),
    (&["std", "vec", "Vec"], "Vec"),
    (&["std", "boxed", "Box"], "Box"),
    (&["std", "convert", "Into"], "Into"),
    (&["std", "convert", "From"], "From"),
    (&["std", "borrow", "ToOwned"], "ToOwned"),
    (&["std", "clone", "Clone"], "Clone"),
    (&["std", "default", "Default"], "Default"),
    (&["std", "iter", "IntoIterator"], "IntoIterator"),
];

/// Writes the std paths of [`PRELUDE_PATHS`] by their prelude names, except a name that a type of
/// the module itself takes (a schema named `Option` or `String`), which would shadow the prelude's:
/// emitters stay correct whatever the schemas are called, and the code reads as written by hand.
fn shorten_std_paths(tokens: TokenStream, taken: &BTreeSet<String>) -> TokenStream {
    use proc_macro2::{Group as Delimited, Punct, Spacing, TokenTree};
    // Tokens are moved, never cloned: on a file of a million lines, copies cost more than the rest.
    let mut tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out: Vec<TokenTree> = Vec::with_capacity(tokens.len());
    let mut n = 0;
    // The path `::a::b::c` starting at `start`: its segments, and where it ends.
    let path_at = |tokens: &[TokenTree], start: usize| -> (Vec<String>, usize) {
        let mut segments = Vec::new();
        let mut at = start;
        loop {
            let separator = matches!(
                (tokens.get(at), tokens.get(at + 1)),
                (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
                    if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':'
            );
            let Some(TokenTree::Ident(segment)) = tokens.get(at + 2).filter(|_| separator) else { break };
            segments.push(segment.to_string());
            at += 3;
        }
        (segments, at)
    };
    while n < tokens.len() {
        // Generated code has no module named `std`: `::std` always starts a global path.
        let (segments, end) = path_at(&tokens, n);
        // The prefix that names a prelude item: `::std::borrow::ToOwned` of
        // `::std::borrow::ToOwned::to_owned`; the rest of the path follows as written.
        let short = PRELUDE_PATHS.iter().find(|(path, short)| {
            segments.len() >= path.len() && segments[..path.len()] == **path && !taken.contains(*short)
        });
        if let Some((path, short)) = short.filter(|_| end > n) {
            out.push(TokenTree::Ident(proc_macro2::Ident::new(short, Span::call_site())));
            n += 3 * path.len();
            continue;
        }
        let token = std::mem::replace(&mut tokens[n], TokenTree::Punct(Punct::new(',', Spacing::Alone)));
        match token {
            TokenTree::Group(group) => {
                let (delimiter, span, stream) = (group.delimiter(), group.span(), group.stream());
                // The stream is the group's only owner once the group is gone: iterating it moves.
                drop(group);
                let mut inner = Delimited::new(delimiter, shorten_std_paths(stream, taken));
                inner.set_span(span);
                out.push(TokenTree::Group(inner));
            }
            other => out.push(other),
        }
        n += 1;
    }
    out.into_iter().collect()
}

/// Every file, in order. `target` names the crate and its client, as the output and its doctests
/// refer to them.
pub fn emit(model: &Model, target: Target<'_>) -> Vec<EmittedFile> {
    file_kinds(model).into_iter().map(|kind| emit_file(model, kind, target)).collect()
}

/// One file; files are independent, so they can be emitted in any order, or at once.
pub fn emit_file(model: &Model, kind: FileKind<'_>, target: Target<'_>) -> EmittedFile {
    let module = match kind {
        FileKind::Modules | FileKind::Types => ModuleId::TYPES,
        FileKind::Root => model.root.module_id,
        FileKind::Group(group, _) => group.module_id,
    };
    let names = || model.types_of(module).map(|def| def.name.to_string());
    let taken: BTreeSet<String> = match kind {
        FileKind::Modules => BTreeSet::new(),
        FileKind::Types | FileKind::Root => names().collect(),
        FileKind::Group(group, _) => names().chain([group.client.to_string()]).collect(),
    };
    let option_shadowed = taken.contains("Option");
    let cx = Context { model, crate_name: target.crate_name, client: target.client, module, option_shadowed };
    let path_of = |group: &Group| format!("{}.rs", model.module(group.module_id).path.join("/"));
    let file = match kind {
        FileKind::Modules => {
            let root = (!model.root.operations.is_empty()).then_some(&model.root);
            let group_modules: Vec<Ident> = root.into_iter().chain(&model.groups).map(|g| ident(&g.module)).collect();
            let group_docs: Vec<String> = root
                .into_iter()
                .map(|_| " Requests and responses of the client's own operations (outside any group).".to_owned())
                .chain(model.groups.iter().map(|g| format!(" Operations under `/{}`.", g.path.join("/"))))
                .collect();
            EmittedFile {
                path: "mod.rs".to_owned(),
                tokens: quote! {
                    //! Bindings generated from the OpenAPI document: shared schemas in [`types`], and one module per group of operations.

                    /// Schemas shared by several operations (`components/schemas`).
                    pub mod types;
                    #(
                        #[doc = #group_docs]
                        pub mod #group_modules;
                    )*
                },
            }
        }
        FileKind::Types => EmittedFile { path: "types.rs".to_owned(), tokens: types::module_file(&cx) },
        FileKind::Root => EmittedFile { path: path_of(&model.root), tokens: groups::root_file(&model.root, &cx) },
        FileKind::Group(group, top_level) => {
            EmittedFile { path: path_of(group), tokens: groups::module_file(group, top_level, &cx) }
        }
    };
    EmittedFile { path: file.path, tokens: shorten_std_paths(file.tokens, &taken) }
}

/// An identifier, raw when the model asked for one (`r#type`).
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The path of a type: std's absolute, so that a schema named `Option` or `String` cannot shadow
/// them; a generated type bare in the module being emitted, else from the crate root.
pub(crate) fn type_path(ty: &TypeRef, cx: &Context) -> TokenStream {
    match ty {
        TypeRef::String => quote!(::std::string::String),
        TypeRef::Bool => quote!(bool),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::F32 => quote!(f32),
        TypeRef::F64 => quote!(f64),
        TypeRef::DateTime => quote!(crate::DateTime),
        TypeRef::Json => quote!(::serde_json::Value),
        TypeRef::Named(id) => {
            let def = cx.model.ty(*id);
            let name = ident(&def.name);
            if def.module == cx.module {
                return quote!(#name);
            }
            let module = cx.model.module(def.module).path.iter().map(|m| ident(m));
            quote!(crate #(::#module)* :: #name)
        }
        TypeRef::Vec(item) => {
            let item = type_path(item, cx);
            quote!(::std::vec::Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = type_path(value, cx);
            quote!(::std::collections::BTreeMap<::std::string::String, #value>)
        }
        TypeRef::Bytes => quote!(::std::vec::Vec<u8>),
        TypeRef::Parts => quote!(::std::vec::Vec<(::std::string::String, crate::Part)>),
    }
}

/// The crate the output is mounted in, and the client type at its root that the group accessors
/// hang off.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    /// The crate's name as paths spell it (`seam`, `petstore_client`).
    pub crate_name: &'a str,
    /// The client type at the crate's root (`Seam`).
    pub client: &'a str,
}

/// What an emitter needs besides the item it prints: the model (types by id, modules), the target
/// crate, and the module being emitted, whose own types are named bare.
#[derive(Clone, Copy)]
pub struct Context<'m> {
    model: &'m Model,
    crate_name: &'m str,
    client: &'m str,
    module: ModuleId,
    /// A type of this file's module is named `Option`: paths inside strings, which
    /// `shorten_std_paths` does not see, name the prelude's in full.
    option_shadowed: bool,
}

impl<'m> Context<'m> {
    /// `skip_serializing_if` of an optional field.
    fn is_none_path(&self) -> &'static str {
        if self.option_shadowed {
            "::std::option::Option::is_none"
        } else {
            "Option::is_none"
        }
    }

    /// The client's variable in doc examples: `seam` for `Seam`.
    fn client_variable(&self) -> String {
        crate::naming::snake_ident(self.client).to_string()
    }

    /// The path of a module from the crate root, as a Rust path: `acs::credentials`.
    pub(crate) fn module_path(&self, module: ModuleId) -> String {
        self.model.module(module).path.join("::")
    }

    /// The fields of an operation's request type.
    pub(crate) fn request_fields(&self, operation: &Operation) -> Vec<&'m Field> {
        match &self.model.ty(operation.request_type).kind {
            TypeKind::Struct(s) => s.fields.iter().collect(),
            _ => Vec::new(),
        }
    }

    /// Rust source of a value from the spec's example, where the field's type takes it as a literal:
    /// text (strings and date-times), numbers, booleans and enum values.
    pub(crate) fn example_literal(&self, ty: &TypeRef, value: &serde_json::Value) -> Option<String> {
        use serde_json::Value;
        match (ty, value) {
            (TypeRef::String | TypeRef::DateTime, Value::String(text)) => Some(format!("{text:?}")),
            (TypeRef::Bool, Value::Bool(flag)) => Some(flag.to_string()),
            (TypeRef::I32 | TypeRef::I64, Value::Number(number)) if number.is_i64() => Some(number.to_string()),
            (TypeRef::F32 | TypeRef::F64, Value::Number(number)) => number.as_f64().map(|n| format!("{n:?}")),
            (TypeRef::Named(id), Value::String(text)) => {
                let def = self.model.ty(*id);
                match &def.kind {
                    TypeKind::Enum { variants, .. } => {
                        variants.iter().find(|variant| &variant.wire == text).map(|variant| {
                            format!(
                                "{}::{}::{}::{}",
                                self.crate_name,
                                self.module_path(def.module),
                                def.name,
                                variant.name
                            )
                        })
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// A plausible value of a required field that the spec gives no example of: an id looks like one
    /// (a different one per field, so that two ids in one call cannot be mistaken for each other), a
    /// digits-only code like a PIN.
    pub(crate) fn placeholder(&self, field: &Field, ty: &TypeRef) -> Option<String> {
        if *ty == TypeRef::String {
            if field.wire.ends_with("_id") {
                return Some(format!("{:?}", placeholder_uuid(&field.wire)));
            }
            if field.constraints.pattern.as_deref() == Some("^\\d+$") {
                return Some("\"1234\"".to_owned());
            }
        }
        self.example_value(ty, 0)
    }

    /// Rust source of a plausible value of a type, for doc examples.
    pub(crate) fn example_value(&self, ty: &TypeRef, depth: usize) -> Option<String> {
        let crate_name = self.crate_name;
        match ty {
            TypeRef::String => Some("\"...\"".to_owned()),
            TypeRef::DateTime => Some("\"2030-01-01T00:00:00Z\"".to_owned()),
            TypeRef::Bool => Some("true".to_owned()),
            TypeRef::I32 | TypeRef::I64 => Some("1".to_owned()),
            TypeRef::F32 | TypeRef::F64 => Some("1.0".to_owned()),
            TypeRef::Json => Some(format!("{crate_name}::wire::Json::Null")),
            TypeRef::Vec(_) | TypeRef::Bytes | TypeRef::Parts => Some("vec![]".to_owned()),
            TypeRef::Map(_) => Some("Default::default()".to_owned()),
            TypeRef::Named(id) => {
                let def = self.model.ty(*id);
                let path = format!("{crate_name}::{}::{}", self.module_path(def.module), def.name);
                match &def.kind {
                    TypeKind::Enum { variants, .. } => variants.first().map(|v| format!("{path}::{}", v.name)),
                    TypeKind::Struct(s) if s.builder && depth < 3 => {
                        let args: Vec<String> = s
                            .fields
                            .iter()
                            .filter(|f| f.ty.is_required())
                            .map(|f| match &f.ty {
                                FieldType::RequiredNullable(_) => Some("None".to_owned()),
                                ty => self.example_value(ty.inner(), depth + 1),
                            })
                            .collect::<Option<_>>()?;
                        Some(format!("{path}::new({})", args.join(", ")))
                    }
                    _ => None,
                }
            }
        }
    }
}

/// A version-4-shaped UUID that a field's wire name always gives, for doc examples: FNV-1a over the
/// name, twice with different offsets, so that the output stays byte-identical from run to run and
/// platform to platform.
fn placeholder_uuid(wire: &str) -> String {
    let fnv =
        |offset: u64| wire.bytes().fold(offset, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3));
    let bits = (u128::from(fnv(0xcbf2_9ce4_8422_2325)) << 64) | u128::from(fnv(0x6c62_272e_07bb_0142));
    // Version 4, variant 10xx: what a real id of Seam's looks like.
    let bits = (bits & !(0xf << 76) & !(0x3 << 62)) | (0x4 << 76) | (0x2 << 62);
    let hex = format!("{bits:032x}");
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

#[cfg(test)]
mod tests {
    use super::placeholder_uuid;

    #[test]
    fn placeholder_ids_are_uuids_that_differ_by_field_and_repeat_for_one() {
        let user = placeholder_uuid("acs_user_id");
        let entrance = placeholder_uuid("allowed_acs_entrance_id");
        assert_ne!(user, entrance);
        assert_eq!(user, placeholder_uuid("acs_user_id"));
        for id in [&user, &entrance] {
            let groups: Vec<&str> = id.split('-').collect();
            assert_eq!(groups.iter().map(|g| g.len()).collect::<Vec<_>>(), [8, 4, 4, 4, 12], "{id}");
            assert!(id.chars().all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase()), "{id}");
            assert!(groups[2].starts_with('4'), "version 4: {id}");
            assert!(matches!(groups[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'), "variant: {id}");
        }
    }
}
