//! Line and column of JSON pointers in the spec's text, so that every diagnostic names both: the
//! pointer survives reformatting, the position takes an editor straight there.

use crate::diagnostics::Pointer;
use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// The position (1-based line and column) of every node of a YAML or JSON document, by pointer.
pub struct Positions {
    nodes: HashMap<String, (usize, usize)>,
}

impl Positions {
    /// Reads the positions of a document; an unreadable one has none.
    pub fn of(text: &str) -> Self {
        let mut receiver = Receiver { nodes: HashMap::new(), stack: Vec::new() };
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
}

struct Receiver {
    nodes: HashMap<String, (usize, usize)>,
    stack: Vec<Container>,
}

impl Receiver {
    /// The pointer of the node that starts now, or `None` when it is a mapping's key.
    fn next_node(&mut self) -> Option<Pointer> {
        match self.stack.last_mut() {
            None => Some(Pointer::root()),
            Some(Container::Mapping { key: None, .. }) => None,
            Some(Container::Mapping { pointer, key }) => {
                let child = pointer.push(key.take().unwrap_or_default());
                Some(child)
            }
            Some(Container::Sequence { pointer, index }) => {
                let child = pointer.push(*index);
                *index += 1;
                Some(child)
            }
        }
    }

    fn record(&mut self, pointer: &Pointer, mark: Marker) {
        // yaml-rust2 counts lines from 1 and columns from 0.
        self.nodes.entry(pointer.as_str().to_owned()).or_insert((mark.line(), mark.col() + 1));
    }
}

impl MarkedEventReceiver for Receiver {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(text, ..) => match self.next_node() {
                Some(pointer) => self.record(&pointer, mark),
                None => {
                    if let Some(Container::Mapping { pointer, key }) = self.stack.last_mut() {
                        let child = pointer.push(&text);
                        *key = Some(text);
                        // A key's position stands for its value's until the value starts.
                        self.nodes.entry(child.as_str().to_owned()).or_insert((mark.line(), mark.col() + 1));
                    }
                }
            },
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let pointer = self.next_node().unwrap_or_else(Pointer::root);
                self.record(&pointer, mark);
                self.stack.push(match event {
                    Event::MappingStart(..) => Container::Mapping { pointer, key: None },
                    _ => Container::Sequence { pointer, index: 0 },
                });
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
    fn json_positions() {
        let text = "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"t\"}\n}";
        let positions = Positions::of(text);
        assert_eq!(positions.find("#/info/title"), Some((3, 12)));
    }
}
