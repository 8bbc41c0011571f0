//! Stage 3: the model as Rust tokens, one emitter per concern. Emitters neither decide names
//! (the model carries them) nor do I/O (the writer formats and writes).

mod docs;
mod groups;
mod types;

pub use docs::sanitize as sanitize_markdown;

use crate::model::{Field, FieldType, Model, Operation, TypeDef, TypeKind, TypeRef};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use std::collections::BTreeMap;

/// One file of generated code, as tokens, at a path relative to the output directory.
pub struct EmittedFile {
    pub path: String,
    pub tokens: TokenStream,
}

/// The files a model makes: the module list, the shared types, and one file per top-level group.
#[derive(Debug, Clone, Copy)]
pub enum FileKind {
    Modules,
    Types,
    /// The operations outside any group.
    Root,
    Group(usize),
}

pub fn file_kinds(model: &Model) -> Vec<FileKind> {
    let mut kinds = vec![FileKind::Modules, FileKind::Types];
    if !model.root.operations.is_empty() {
        kinds.push(FileKind::Root);
    }
    kinds.extend((0..model.groups.len()).map(FileKind::Group));
    kinds
}

/// Every file, in order. `crate_name` is the name doctests use for the crate.
pub fn emit(model: &Model, crate_name: &str) -> Vec<EmittedFile> {
    let index = TypeIndex::new(model, crate_name);
    file_kinds(model).into_iter().map(|kind| emit_file(model, kind, &index)).collect()
}

/// One file; files are independent, so they can be emitted in any order, or at once.
pub fn emit_file(model: &Model, kind: FileKind, index: &TypeIndex) -> EmittedFile {
    match kind {
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
        FileKind::Types => EmittedFile { path: "types.rs".to_owned(), tokens: types::module_file(&model.types) },
        FileKind::Root => {
            EmittedFile { path: format!("{}.rs", model.root.module), tokens: groups::root_file(&model.root, index) }
        }
        FileKind::Group(n) => {
            let group = &model.groups[n];
            EmittedFile { path: format!("{}.rs", group.module), tokens: groups::module_file(group, index) }
        }
    }
}

/// An identifier, raw when the model asked for one (`r#type`).
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

thread_local! {
    /// The modules being emitted, innermost last: a type of the innermost one is named bare.
    static CURRENT_MODULE: std::cell::RefCell<Vec<Vec<String>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Emits `f` as the contents of `module` (a path from the crate root): [`type_path`] names that
/// module's own types bare, as hand-written code would.
pub(crate) fn in_module<T>(module: Vec<String>, f: impl FnOnce() -> T) -> T {
    CURRENT_MODULE.with(|current| current.borrow_mut().push(module));
    let emitted = f();
    CURRENT_MODULE.with(|current| current.borrow_mut().pop());
    emitted
}

/// The path of a type: std's absolute, so that a schema named `Option` or `String` cannot shadow
/// them; a generated type bare in its own module (see [`in_module`]), else from the crate root.
pub(crate) fn type_path(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(::std::string::String),
        TypeRef::Bool => quote!(bool),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::F32 => quote!(f32),
        TypeRef::F64 => quote!(f64),
        TypeRef::DateTime => quote!(crate::DateTime),
        TypeRef::Json => quote!(::serde_json::Value),
        TypeRef::Named { module, name } => {
            let name = ident(name);
            if CURRENT_MODULE.with(|current| current.borrow().last() == Some(module)) {
                return quote!(#name);
            }
            let module = module.iter().map(|m| ident(m));
            quote!(crate #(::#module)* :: #name)
        }
        TypeRef::Vec(item) => {
            let item = type_path(item);
            quote!(::std::vec::Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = type_path(value);
            quote!(::std::collections::BTreeMap<::std::string::String, #value>)
        }
        TypeRef::Bytes => quote!(::std::vec::Vec<u8>),
        TypeRef::Parts => quote!(::std::vec::Vec<(::std::string::String, crate::Part)>),
    }
}

/// The module path of a group's types: its path, or the root's own module.
pub(crate) fn group_module(group: &crate::model::Group) -> Vec<String> {
    group.module_path()
}

/// Generated types by module and name, for emitters that look through a reference (examples,
/// validation).
pub struct TypeIndex<'m> {
    types: BTreeMap<(Vec<String>, &'m str), &'m TypeDef>,
    crate_name: &'m str,
}

impl<'m> TypeIndex<'m> {
    pub fn new(model: &'m Model, crate_name: &'m str) -> Self {
        let mut index = TypeIndex { types: BTreeMap::new(), crate_name };
        for def in &model.types {
            index.types.insert((vec!["types".to_owned()], def.name.as_str()), def);
        }
        let mut stack: Vec<&crate::model::Group> = model.groups.iter().chain([&model.root]).collect();
        while let Some(group) = stack.pop() {
            let module = group_module(group);
            for def in &group.types {
                index.types.insert((module.clone(), def.name.as_str()), def);
            }
            stack.extend(group.subgroups.iter());
        }
        index
    }

    fn get(&self, module: &[String], name: &str) -> Option<&'m TypeDef> {
        self.types.get(&(module.to_vec(), name)).copied()
    }

    /// The fields of an operation's request body, defined in its group's module.
    pub(crate) fn request_fields(&self, operation: &Operation, group: &crate::model::Group) -> Vec<&'m Field> {
        let module = group_module(group);
        match self.get(&module, &operation.request).map(|def| &def.kind) {
            Some(TypeKind::Struct(s)) => s.fields.iter().collect(),
            _ => Vec::new(),
        }
    }

    /// The `x-mutually-exclusive` and `x-at-least-one` groups of an operation's request body.
    pub(crate) fn request_groups(
        &self,
        operation: &Operation,
        group: &crate::model::Group,
    ) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
        let module = group_module(group);
        match self.get(&module, &operation.request).map(|def| &def.kind) {
            Some(TypeKind::Struct(s)) => (s.exclusive.clone(), s.at_least_one.clone()),
            _ => (Vec::new(), Vec::new()),
        }
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
            TypeRef::Named { module, name } => {
                let path = format!("{crate_name}::{}::{}", module.join("::"), name);
                match &self.get(module, name)?.kind {
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
