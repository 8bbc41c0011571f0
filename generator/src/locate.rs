//! Line and column of JSON pointers in the spec's text, so that every diagnostic names both: the
//! pointer survives reformatting, the position takes an editor straight there.

use crate::diagnostics::Pointer;
use std::collections::{HashMap, HashSet};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// The position (1-based line and column) of the nodes of a YAML or JSON document, by pointer.
pub struct Positions {
    nodes: HashMap<String, (usize, usize)>,
}

impl Positions {
    /// Reads the positions of every node of a document; an unreadable one has none.
    pub fn of(text: &str) -> Self {
        Self::read(text, None)
    }

    /// Reads the positions of the nodes at `pointers` and of their ancestors only: a large document
    /// with a few diagnostics is read without a pointer for each of its nodes.
    pub fn of_pointers<'p>(text: &str, pointers: impl IntoIterator<Item = &'p str>) -> Self {
        let mut wanted = HashSet::new();
        for pointer in pointers {
            let mut prefix = pointer;
            while wanted.insert(prefix.to_owned()) {
                match prefix.rfind('/') {
                    Some(end) => prefix = &prefix[..end],
                    None => break,
                }
            }
        }
        Self::read(text, Some(wanted))
    }

    fn read(text: &str, wanted: Option<HashSet<String>>) -> Self {
        let mut receiver = Receiver { nodes: HashMap::new(), stack: Vec::new(), wanted };
        let mut parser = Parser::new_from_str(text);
        // A syntax error has been reported by the loader already, with its own position.
        let _ = parser.load(&mut receiver, false);
        Positions { nodes: receiver.nodes }
    }

    /// The position of the node at `pointer`, or of its nearest ancestor that exists (a pointer may
    /// name a key the document lacks).
    pub fn find(&self, pointer: &str) -> Option<(usize, usize)> {
        let mut candidate = pointer;
        loop {
            if let Some(position) = self.nodes.get(candidate) {
                return Some(*position);
            }
            candidate = &candidate[..candidate.rfind('/')?];
        }
    }
}

enum Container {
    /// A mapping, and the key whose value comes next (`None` while a key is expected).
    Mapping {
        pointer: Pointer,
        key: Option<String>,
    },
    Sequence {
        pointer: Pointer,
        index: usize,
    },
    /// A container no wanted pointer leads into: its events are only counted.
    Skipped,
}

/// What the event that starts now is.
enum Next {
    /// A node, at this pointer.
    Node(Pointer),
    /// A mapping's key.
    Key,
    /// Inside a skipped container.
    Skip,
}

struct Receiver {
    nodes: HashMap<String, (usize, usize)>,
    stack: Vec<Container>,
    /// The pointers to record and their ancestors; `None`: every node.
    wanted: Option<HashSet<String>>,
}

impl Receiver {
    fn next_node(&mut self) -> Next {
        match self.stack.last_mut() {
            None => Next::Node(Pointer::root()),
            Some(Container::Skipped) => Next::Skip,
            Some(Container::Mapping { key: None, .. }) => Next::Key,
            Some(Container::Mapping { pointer, key }) => Next::Node(pointer.push(key.take().unwrap_or_default())),
            Some(Container::Sequence { pointer, index }) => {
                let child = pointer.push(*index);
                *index += 1;
                Next::Node(child)
            }
        }
    }

    fn wanted(&self, pointer: &Pointer) -> bool {
        self.wanted.as_ref().map_or(true, |wanted| wanted.contains(pointer.as_str()))
    }

    fn record(&mut self, pointer: &Pointer, mark: Marker) {
        if self.wanted(pointer) {
            // yaml-rust2 counts lines from 1 and columns from 0.
            self.nodes.entry(pointer.as_str().to_owned()).or_insert((mark.line(), mark.col() + 1));
        }
    }
}

impl MarkedEventReceiver for Receiver {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(text, ..) => match self.next_node() {
                Next::Node(pointer) => self.record(&pointer, mark),
                Next::Skip => {}
                Next::Key => {
                    if let Some(Container::Mapping { pointer, .. }) = self.stack.last() {
                        // A key's position stands for its value's until the value starts.
                        let child = pointer.push(&text);
                        self.record(&child, mark);
                    }
                    if let Some(Container::Mapping { key, .. }) = self.stack.last_mut() {
                        *key = Some(text);
                    }
                }
            },
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let container = match self.next_node() {
                    Next::Node(pointer) if self.wanted(&pointer) => {
                        self.record(&pointer, mark);
                        match event {
                            Event::MappingStart(..) => Container::Mapping { pointer, key: None },
                            _ => Container::Sequence { pointer, index: 0 },
                        }
                    }
                    // A complex key, or a container no wanted pointer is in.
                    Next::Node(_) | Next::Key | Next::Skip => Container::Skipped,
                };
                self.stack.push(container);
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            Event::Alias(_) => {
                self.next_node();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_positions_of_keys_values_and_items() {
        let text = "openapi: 3.0.3\npaths:\n  /a/b:\n    post:\n      tags: [x, y]\n";
        let positions = Positions::of(text);
        assert_eq!(positions.find("#/openapi"), Some((1, 1)));
        assert_eq!(positions.find("#/paths/~1a~1b/post"), Some((4, 5)));
        assert_eq!(positions.find("#/paths/~1a~1b/post/tags/1"), Some((5, 17)));
        // A key the document lacks: its parent.
        assert_eq!(positions.find("#/paths/~1a~1b/post/responses"), Some((4, 5)));
    }

    #[test]
    fn only_the_wanted_pointers_and_their_ancestors_are_read() {
        let text = "openapi: 3.0.3\npaths:\n  /a/b:\n    post:\n      tags: [x, y]\n  /c:\n    get: {}\n";
        let positions = Positions::of_pointers(text, ["#/paths/~1a~1b/post/tags/1"]);
        assert_eq!(positions.find("#/paths/~1a~1b/post/tags/1"), Some((5, 17)));
        assert_eq!(positions.find("#/paths/~1a~1b/post"), Some((4, 5)));
        // Not asked for: its nearest recorded ancestor.
        assert_eq!(positions.find("#/paths/~1c/get"), Some((2, 1)));
        assert_eq!(positions.find("#/openapi"), positions.find("#"), "the root's");
    }

    #[test]
    fn json_positions() {
        let text = "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"t\"}\n}";
        let positions = Positions::of(text);
        assert_eq!(positions.find("#/info/title"), Some((3, 12)));
    }
}
