//! The fixed window both rate limits keep: the feeless allowance and break-glass.

use crate::FixedWindow;
use codec::{Decode, Encode, MaxEncodedLen};

#[test]
fn a_fixed_window_counts_while_it_lasts_and_restarts_empty_after() {
	let stored = Some(FixedWindow { start: 10u64, count: 2 });
	assert_eq!(FixedWindow::at(stored, 19, 10), FixedWindow { start: 10, count: 2 });
	assert_eq!(FixedWindow::at(stored, 20, 10), FixedWindow { start: 20, count: 0 });
	assert_eq!(FixedWindow::at(None, 5u64, 10).counted(), FixedWindow { start: 5, count: 1 });
	let full = FixedWindow { start: 0u64, count: u32::MAX };
	assert_eq!(full.counted(), full);
}

#[test]
fn a_fixed_window_is_stored_as_the_start_and_count_pair_it_replaced() {
	let window = FixedWindow { start: 7u64, count: 3 };
	let pair = (7u64, 3u32).encode();
	assert_eq!(window.encode(), pair);
	assert_eq!(FixedWindow::<u64>::decode(&mut &pair[..]).ok(), Some(window));
	assert_eq!(FixedWindow::<u64>::max_encoded_len(), <(u64, u32)>::max_encoded_len());
}
