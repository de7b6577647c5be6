//! SCALE decoding of every call of the runtime, alone and inside a transaction.
//!
//! The input is decoded as a [`RuntimeCall`] and, separately, as an [`UncheckedExtrinsic`] (the
//! runtime's transaction type), both with [`MAX_EXTRINSIC_DEPTH`], as the executive decodes
//! transactions. Whatever decodes must:
//! - re-encode to exactly the bytes it was decoded from: a call with two encodings has two
//!   hashes, and a signature over one encoding would not be a signature over the other;
//! - for a transaction, hold a call that re-encodes to the call bytes the transaction kept
//!   (`encoded_call` re-encodes a transaction from the bytes it came with, which would hide a
//!   call that does not re-encode);
//! - decode to the same call inside a bare transaction, that is through the memory-limited
//!   path `UncheckedExtrinsic` decodes calls with (`DecodeWithMemTracking`);
//! - give its dispatch info (weight, class, fee payment) without panicking, as the pool asks
//!   for every transaction it is sent. Weights are pure: no storage is read, so no
//!   externalities are set up.
//!
//! Decoding must never panic, overflow or exhaust memory, whatever the bytes.

#![no_main]

use codec::{DecodeLimit, Encode};
use frame_support::{dispatch::GetDispatchInfo, MAX_EXTRINSIC_DEPTH};
use libfuzzer_sys::fuzz_target;
use medledger_runtime::{RuntimeCall, UncheckedExtrinsic};

fuzz_target!(|data: &[u8]| {
	call(data);
	transaction(data);
});

/// The input as a call.
fn call(data: &[u8]) {
	let mut input = data;
	let Ok(call) = RuntimeCall::decode_with_depth_limit(MAX_EXTRINSIC_DEPTH, &mut input) else {
		return;
	};
	let consumed = &data[..data.len() - input.len()];
	assert_eq!(call.encode(), consumed, "the call re-encodes to other bytes: {call:?}");
	assert_eq!(call.encoded_size(), consumed.len(), "encoded_size disagrees: {call:?}");
	let _ = call.get_dispatch_info();

	let bare = UncheckedExtrinsic::new_bare(call.clone()).encode();
	let unwrapped =
		UncheckedExtrinsic::decode_all_with_depth_limit(MAX_EXTRINSIC_DEPTH, &mut &bare[..])
			.unwrap_or_else(|e| {
				panic!("a call that decodes alone is refused in a bare transaction ({e}): {call:?}")
			});
	assert_eq!(unwrapped.function, call, "a bare transaction decodes to another call");
}

/// The input as a transaction.
fn transaction(data: &[u8]) {
	let mut input = data;
	let Ok(transaction) =
		UncheckedExtrinsic::decode_with_depth_limit(MAX_EXTRINSIC_DEPTH, &mut input)
	else {
		return;
	};
	let consumed = &data[..data.len() - input.len()];
	assert_eq!(transaction.encode(), consumed, "the transaction re-encodes to other bytes");
	let call = transaction.function.encode();
	assert_eq!(
		transaction.encoded_call.as_deref(),
		Some(&call[..]),
		"the call re-encodes to other bytes than the transaction carried: {:?}",
		transaction.function
	);
	let _ = transaction.get_dispatch_info();
}
