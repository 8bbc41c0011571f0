//! Walking paginated list operations: page by page, as one stream of items, or from a saved cursor.

use crate::client::{Client, Execute, Operation};
use crate::error::{Error, Result};
use futures_core::Stream;
use futures_util::{stream, StreamExt, TryStreamExt};
use std::collections::HashSet;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A list operation whose answers come in pages: a cursor in the request, the next cursor in the
/// answer (Seam's `page_cursor` and `pagination`). Generated for every such request type.
pub trait Paginated: Operation<Response: Send> + Clone + Send + Sync + 'static {
    /// What the list holds.
    type Item: Send + 'static;
    /// Sets the cursor of the page to fetch.
    fn set_page_cursor(&mut self, cursor: String);
    /// Splits a response into its items and where the next page starts.
    fn into_page(response: Self::Response) -> Page<Self::Item>;
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
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

/// The pages of a list request, fetched one at a time on demand through a [`Client`] or an API's
/// own client type.
#[derive(Debug)]
pub struct Pages<O, C = Client> {
    client: C,
    request: O,
    finished: bool,
    /// Cursors already followed: a server that hands one out again would make the walk endless.
    followed: HashSet<String>,
}

impl<O: Paginated, C: Execute> Pages<O, C> {
    pub fn new(client: C, request: O) -> Self {
        Pages { client, request, finished: false, followed: HashSet::new() }
    }

    /// The next page, or `None` after the last one.
    pub async fn next_page(&mut self) -> Result<Option<Page<O::Item>>, C::Error> {
        if self.finished {
            return Ok(None);
        }
        let page = O::into_page(self.client.execute(&self.request).await?);
        match &page.next_page_cursor {
            Some(cursor) if !self.followed.insert(cursor.clone()) => {
                self.finished = true;
                return Err(Error::RepeatedCursor { path: O::PATH, cursor: cursor.clone() }.into());
            }
            Some(cursor) => self.request.set_page_cursor(cursor.clone()),
            None => self.finished = true,
        }
        Ok(Some(page))
    }

    /// Every item of every page, fetching each page when the previous one is used up.
    pub fn into_items(self) -> Items<O::Item, C::Error> {
        let items = stream::try_unfold(self, |mut pages| async move {
            let page = pages.next_page().await?;
            Ok::<_, C::Error>(page.map(|page| (stream::iter(page.items.into_iter().map(Ok)), pages)))
        })
        .try_flatten();
        Items { stream: Box::pin(items) }
    }
}

/// Every item of a paginated list, fetched a page at a time as they are used: a [`Stream`], with
/// [`next`](Items::next) and [`try_collect`](Items::try_collect) so that no stream crate is needed.
pub struct Items<T, E = Error> {
    stream: Pin<Box<dyn Stream<Item = Result<T, E>> + Send>>,
}

impl<T, E> Items<T, E> {
    /// The next item, `None` after the last; fetches the next page when the current one is used up.
    pub async fn next(&mut self) -> Option<Result<T, E>> {
        self.stream.next().await
    }

    /// Every remaining item, or the first error.
    pub async fn try_collect(self) -> Result<Vec<T>, E> {
        TryStreamExt::try_collect(self.stream).await
    }
}

impl<T, E> Stream for Items<T, E> {
    type Item = Result<T, E>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<T, E>>> {
        self.stream.as_mut().poll_next(cx)
    }
}

impl<T, E> fmt::Debug for Items<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items").finish_non_exhaustive()
    }
}
