//! One page of a long list (the review queue, the organization admins): its rows, how many
//! there are in all, and which page this is. Pages count from 1.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paged<T> {
    pub rows: Vec<T>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

impl<T> Paged<T> {
    /// How many pages there are; one even when the list is empty.
    pub fn pages(&self) -> i64 {
        pages(self.total, self.per_page)
    }
}

fn pages(total: i64, per_page: i64) -> i64 {
    ((total + per_page - 1) / per_page.max(1)).max(1)
}

/// The page asked for, held inside 1..=pages (a stale link after the list shrank shows the
/// last page, not an empty one), and the offset of its first row.
pub fn clamp_page(asked: Option<i64>, total: i64, per_page: i64) -> (i64, i64) {
    let page = asked.unwrap_or(1).clamp(1, pages(total, per_page));
    (page, (page - 1) * per_page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_hold_inside_the_list() {
        assert_eq!(clamp_page(None, 0, 20), (1, 0));
        assert_eq!(clamp_page(Some(3), 45, 20), (3, 40));
        assert_eq!(clamp_page(Some(9), 45, 20), (3, 40), "past the end: the last page");
        assert_eq!(clamp_page(Some(-2), 45, 20), (1, 0));
        assert_eq!(Paged::<()> { total: 40, per_page: 20, ..Default::default() }.pages(), 2);
        assert_eq!(Paged::<()> { total: 41, per_page: 20, ..Default::default() }.pages(), 3);
    }
}
