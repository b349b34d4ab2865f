//! Long lists split into pages of `page_size` entries (`site.yaml`): the first page at the
//! list's own address (`facts/`), the others below it (`facts/page/2/`), so the addresses stay
//! the same as the list grows. Each page gets a [`Pager`] with the links around it.

use std::ops::Range;

use serde::Serialize;

/// Where a page of a list is, and the pages around it; paths are relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pager {
    /// This page's number, from 1.
    pub number: usize,
    /// How many pages the list has.
    pub total: usize,
    /// The first page.
    pub first: String,
    /// The page before, if any.
    pub previous: Option<String>,
    /// The page after, if any.
    pub next: Option<String>,
    /// The last page.
    pub last: String,
}

impl Pager {
    /// Page `number` of `total` of the list at `base` (`facts/`).
    pub fn new(base: &str, number: usize, total: usize) -> Pager {
        Pager {
            number,
            total,
            first: path(base, 1),
            previous: (number > 1).then(|| path(base, number - 1)),
            next: (number < total).then(|| path(base, number + 1)),
            last: path(base, total),
        }
    }
}

/// The path of page `number` of the list at `base`: `base` itself for the first.
pub fn path(base: &str, number: usize) -> String {
    if number <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{number}/")
    }
}

/// How many pages `items` entries take, `size` to a page: at least one, so an empty list
/// still has its page.
pub fn count(items: usize, size: usize) -> usize {
    items.div_ceil(size.max(1)).max(1)
}

/// The entries of page `number` (from 1) of `items` entries, `size` to a page.
pub fn range(number: usize, size: usize, items: usize) -> Range<usize> {
    let size = size.max(1);
    let start = ((number.max(1) - 1) * size).min(items);
    start..(start + size).min(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_cover_every_entry_once_at_stable_addresses() {
        assert_eq!(count(0, 100), 1);
        assert_eq!(count(100, 100), 1);
        assert_eq!(count(101, 100), 2);
        let covered: Vec<usize> = (1..=count(7, 3)).flat_map(|n| range(n, 3, 7)).collect();
        assert_eq!(covered, (0..7).collect::<Vec<_>>());
        assert_eq!(path("facts/", 1), "facts/");
        assert_eq!(path("topics/a/", 3), "topics/a/page/3/");
        let middle = Pager::new("facts/", 2, 3);
        assert_eq!(middle.previous.as_deref(), Some("facts/"));
        assert_eq!(middle.next.as_deref(), Some("facts/page/3/"));
        assert_eq!(middle.last, "facts/page/3/");
        assert_eq!(Pager::new("facts/", 1, 1).next, None);
    }
}
