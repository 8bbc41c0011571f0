//! A component that contains itself through an inline `allOf` once aborted the generator with a stack
//! overflow (nine of APIs.guru's documents, AWS's and Microsoft Graph's among them).

use seam_codegen::conventions::Conventions;
use seam_codegen::Settings;

fn types_of(spec: &str) -> String {
    let settings = Settings { conventions: Conventions::plain(), ..Settings::default() };
    let generated = seam_codegen::generate(spec, "self_reference.yaml", &settings).unwrap();
    generated.files.into_iter().find(|file| file.path == "types.rs").unwrap().contents
}

const HEADER: &str = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n";

#[test]
fn an_annotated_reference_to_itself_is_the_reference() {
    let spec = format!(
        "{HEADER}    A:\n      type: object\n      properties:\n        child:\n          allOf:\n            - $ref: '#/components/schemas/A'\n            - description: a child\n"
    );
    let types = types_of(&spec);
    assert!(types.contains("pub child: Option<Box<A>>"), "{types}");
}

#[test]
fn an_inline_extension_of_itself_is_one_recursive_type() {
    let spec = format!(
        "{HEADER}    A:\n      type: object\n      properties:\n        child:\n          allOf:\n            - $ref: '#/components/schemas/A'\n            - type: object\n              properties: {{extra: {{type: string}}}}\n"
    );
    let types = types_of(&spec);
    assert!(types.contains("pub child: Option<AChild>"), "{types}");
    assert!(types.contains("pub child: Option<Box<AChild>>"), "{types}");
}

#[test]
fn an_annotated_reference_to_a_string_is_a_string() {
    let spec = format!(
        "{HEADER}    Name: {{type: string}}\n    B:\n      type: object\n      properties:\n        name:\n          allOf:\n            - $ref: '#/components/schemas/Name'\n            - description: The name.\n"
    );
    let types = types_of(&spec);
    assert!(types.contains("pub name: Option<Name>"), "{types}");
}
