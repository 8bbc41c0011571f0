//! Walking paginated list operations: page by page, as one stream of items, or from a saved cursor.

use crate::client::{Operation, Seam};
use crate::error::{Error, Result};
use futures_core::Stream;
use futures_util::{stream, TryStreamExt};
use std::collections::HashSet;

/// A list operation whose answers come in pages (`page_cursor` in, `pagination` out).
/// Generated for every such request type.
pub trait Paginated: Operation + Clone + Send + Sync + 'static {
    /// What the list holds.
    type Item: Send + 'static;
    /// Sets the cursor of the page to fetch.
    fn set_page_cursor(&mut self, cursor: String);
    /// Splits a response into its items and where the next page starts.
    fn into_page(response: Self::Response) -> Page<Self::Item>;
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// The cursor of the next page, `None` on the last page. Save it to resume later with the
    /// request's `page_cursor` setter.
    pub next_page_cursor: Option<String>,
}

impl<T> Page<T> {
    /// Built by generated code from a response's items and its `pagination` object.
    pub fn new(items: Vec<T>, has_next_page: bool, next_page_cursor: Option<String>) -> Self {
        Page { items, next_page_cursor: next_page_cursor.filter(|_| has_next_page) }
    }
}

/// The pages of a list request, fetched one at a time on demand.
#[derive(Debug)]
pub struct Pages<O> {
    seam: Seam,
    request: O,
    finished: bool,
    /// Cursors already followed: a server that hands one out again would make the walk endless.
    followed: HashSet<String>,
}

impl<O: Paginated> Pages<O> {
    pub fn new(seam: Seam, request: O) -> Self {
        Pages { seam, request, finished: false, followed: HashSet::new() }
    }

    /// The next page, or `None` after the last one.
    pub async fn next_page(&mut self) -> Result<Option<Page<O::Item>>> {
        if self.finished {
            return Ok(None);
        }
        let page = O::into_page(self.seam.execute(&self.request).await?);
        match &page.next_page_cursor {
            Some(cursor) if !self.followed.insert(cursor.clone()) => {
                self.finished = true;
                return Err(Error::RepeatedCursor { path: O::PATH, cursor: cursor.clone() });
            }
            Some(cursor) => self.request.set_page_cursor(cursor.clone()),
            None => self.finished = true,
        }
        Ok(Some(page))
    }

    /// Every item of every page, fetching each page when the previous one is used up.
    pub fn into_stream(self) -> impl Stream<Item = Result<O::Item>> + Send + 'static
    where
        O::Item: Send,
    {
        stream::try_unfold(self, |mut pages| async move {
            let page = pages.next_page().await?;
            Ok(page.map(|page| (stream::iter(page.items.into_iter().map(Ok)), pages)))
        })
        .try_flatten()
    }
}
