//! The asset inventory: sheets, saves and reporting.

mod get_inventory;
mod inventory_dashboard;
mod list_periods;
mod open_period;
mod reopen_submission;
mod save_inventory;
mod submit_inventory;

pub use get_inventory::{get_inventory, GetInventory};
pub use inventory_dashboard::{inventory_dashboard, InventoryDashboard};
pub use list_periods::{list_periods, ListPeriods};
pub use open_period::{open_period, OpenPeriod};
pub use reopen_submission::{reopen_submission, ReopenSubmission};
pub use save_inventory::{save_inventory, SaveInventory};
pub use submit_inventory::{submit_inventory, SubmitInventory};
