//! Doc comments: spec descriptions made safe for rustdoc, and deprecation attributes.

use crate::model::Docs;
use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc]`, `#[doc(hidden)]` and `#[deprecated]` attributes for an item.
pub fn attributes(docs: &Docs) -> TokenStream {
    let lines = lines(docs);
    let hidden = docs.hidden.then(|| quote!(#[doc(hidden)]));
    let deprecated = docs.deprecated.as_ref().map(|note| {
        if note.is_empty() {
            quote!(#[deprecated])
        } else {
            quote!(#[deprecated(note = #note)])
        }
    });
    quote! {
        #(#[doc = #lines])*
        #hidden
        #deprecated
    }
}

fn lines(docs: &Docs) -> Vec<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    if let Some(title) = &docs.title {
        paragraphs.push(sanitize(title.trim()));
    }
    if let Some(description) = &docs.description {
        paragraphs.push(sanitize(description.trim()));
    }
    if let Some(note) = &docs.draft {
        let note = if note.is_empty() { String::new() } else { format!(" {}", sanitize(note)) };
        paragraphs.push(format!("**Draft:** this part of the API may still change.{note}"));
    }
    for note in &docs.notes {
        paragraphs.push(note.clone());
    }
    if let Some(default) = &docs.default {
        paragraphs.push(format!("Default on the server: `{default}`."));
    }
    paragraphs.retain(|p| !p.is_empty());
    let text = paragraphs.join("\n\n");
    if text.is_empty() {
        return Vec::new();
    }
    text.lines().map(doc_line).collect()
}

/// `///` comments print `#[doc = " text"]`; the leading space keeps the usual spacing.
fn doc_line(line: &str) -> String {
    if line.is_empty() {
        String::new()
    } else {
        format!(" {line}")
    }
}

/// Makes Markdown from the spec safe for rustdoc: bare URLs become autolinks, lone `[brackets]` are not
/// read as intra-doc links, `<words>` are not read as HTML, and code fences are marked `text` so that
/// rustdoc does not compile them as doctests.
pub fn sanitize(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut in_fence = false;
    for (index, line) in markdown.lines().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start();
        if let Some(info) = trimmed.strip_prefix("```") {
            if !in_fence && (info.trim().is_empty() || info.trim() == "rust") {
                out.push_str("```text");
            } else {
                out.push_str(trimmed);
            }
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push_str(line);
            continue;
        }
        // Four spaces of indentation would make an indented code block, which rustdoc compiles.
        let indent = line.len() - trimmed.len();
        out.push_str(&" ".repeat(indent.min(3)));
        sanitize_inline(trimmed, &mut out);
    }
    out.trim_end().to_owned()
}

fn sanitize_inline(line: &str, out: &mut String) {
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let mut in_code = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            in_code = !in_code;
            out.push(c);
            i += 1;
            continue;
        }
        if in_code {
            out.push(c);
            i += 1;
            continue;
        }
        let starts = |prefix: &str| prefix.chars().enumerate().all(|(k, p)| chars.get(i + k) == Some(&p));
        if (starts("http://") || starts("https://")) && !matches!(chars.get(i.wrapping_sub(1)), Some('(') | Some('<')) {
            let end = chars[i..]
                .iter()
                .position(|c| c.is_whitespace() || matches!(c, ')' | '>' | '"' | '\''))
                .map_or(chars.len(), |n| i + n);
            let mut url: String = chars[i..end].iter().collect();
            let trailing: String = {
                let kept = url.trim_end_matches(['.', ',', ';', ':']).len();
                url.split_off(kept)
            };
            out.push('<');
            out.push_str(&url);
            out.push('>');
            out.push_str(&trailing);
            i = end;
            continue;
        }
        match c {
            '[' => {
                // A Markdown link `[text](url)` stays; anything else in brackets is escaped.
                let close = chars[i..].iter().position(|&c| c == ']').map(|n| i + n);
                match close {
                    Some(close) if chars.get(close + 1) == Some(&'(') => out.push('['),
                    _ => out.push_str("\\["),
                }
            }
            ']' => {
                if chars.get(i + 1) == Some(&'(') {
                    out.push(']');
                } else {
                    out.push_str("\\]");
                }
            }
            '<' => {
                if starts("<http://") || starts("<https://") {
                    out.push('<');
                } else {
                    out.push_str("&lt;");
                }
            }
            _ => out.push(c),
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn links_stay_and_bare_urls_become_autolinks() {
        assert_eq!(sanitize("See [credential](https://docs.seam.co/x)."), "See [credential](https://docs.seam.co/x).");
        assert_eq!(sanitize("See https://docs.seam.co/x."), "See <https://docs.seam.co/x>.");
    }

    #[test]
    fn brackets_and_angles_are_escaped_outside_code() {
        assert_eq!(sanitize("Bearer <token> [beta]"), "Bearer &lt;token> \\[beta\\]");
        assert_eq!(sanitize("`Vec<u8>` [x]"), "`Vec<u8>` \\[x\\]");
    }

    #[test]
    fn code_fences_are_not_doctests() {
        assert_eq!(sanitize("```\nlet x = 1;\n```"), "```text\nlet x = 1;\n```");
        assert_eq!(sanitize("a\n        indented"), "a\n   indented");
    }
}
