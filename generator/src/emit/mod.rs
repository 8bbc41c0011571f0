//! Stage 3: the model as Rust tokens, one emitter per concern. Emitters neither decide names
//! (the model carries them) nor do I/O (the writer formats and writes).

mod docs;
mod groups;
mod types;

pub use docs::sanitize as sanitize_markdown;

use crate::model::{Model, TypeRef};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// One file of generated code, as tokens, at a path relative to the output directory.
pub struct EmittedFile {
    pub path: String,
    pub tokens: TokenStream,
}

/// The module list, the shared types, and one file per top-level group.
pub fn emit(model: &Model) -> Vec<EmittedFile> {
    let group_modules: Vec<Ident> = model.groups.iter().map(|g| ident(&g.module)).collect();
    let group_docs: Vec<String> = model.groups.iter().map(|g| format!(" Operations under `/{}`.", g.path.join("/"))).collect();
    let mut files = vec![EmittedFile {
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
    }];
    files.push(EmittedFile { path: "types.rs".to_owned(), tokens: types::module_file(&model.types) });
    for group in &model.groups {
        files.push(EmittedFile { path: format!("{}.rs", group.module), tokens: groups::module_file(group) });
    }
    files
}

/// An identifier, raw when the model asked for one (`r#type`).
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The path of a type, always absolute so that a schema named `Option` or `String` cannot shadow std.
pub(crate) fn type_path(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(::std::string::String),
        TypeRef::Bool => quote!(bool),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::F32 => quote!(f32),
        TypeRef::F64 => quote!(f64),
        TypeRef::Json => quote!(::serde_json::Value),
        TypeRef::Named { module, name } => {
            let module = module.iter().map(|m| ident(m));
            let name = ident(name);
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
    }
}
