//! A test runtime whose "council" is account 1, with a code store that keeps code in memory.

use crate as pallet_code_approval;
use frame_support::{derive_impl, ord_parameter_types, traits::ConstU32, weights::Weight};
use frame_system::EnsureSignedBy;
use sp_core::H256;
use sp_runtime::{traits::Hash, BuildStorage, DispatchError};
use std::cell::RefCell;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		CodeApproval: pallet_code_approval,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

ord_parameter_types! {
	pub const Council: u64 = 1;
}

pub const COUNCIL: u64 = 1;
pub const RESEARCHER: u64 = 2;
/// What the code store takes per byte of code.
pub const DEPOSIT_PER_BYTE: u64 = 3;
/// The longest code the test runtime accepts.
pub const MAX_CODE_LEN: u32 = 64;

thread_local! {
	/// The code stored so far, with who stored it.
	pub static STORED: RefCell<Vec<(u64, Vec<u8>)>> = const { RefCell::new(Vec::new()) };
}

/// Stores code in [`STORED`]; refuses empty code as the contracts pallet refuses invalid code,
/// and a deposit above the limit.
pub struct MemoryStore;

impl crate::CodeStore<u64, H256, u64> for MemoryStore {
	fn hash_of(code: &[u8]) -> H256 {
		sp_runtime::traits::BlakeTwo256::hash(code)
	}

	fn store(uploader: u64, code: Vec<u8>, limit: Option<u64>) -> Result<u64, DispatchError> {
		if code.is_empty() {
			return Err(DispatchError::Other("invalid code"));
		}
		let deposit = code.len() as u64 * DEPOSIT_PER_BYTE;
		if limit.is_some_and(|limit| deposit > limit) {
			return Err(DispatchError::Other("deposit above the limit"));
		}
		STORED.with(|stored| stored.borrow_mut().push((uploader, code)));
		Ok(deposit)
	}

	fn store_weight(len: u32) -> Weight {
		Weight::from_parts(1_000 * len as u64, 0)
	}
}

impl pallet_code_approval::Config for Test {
	type Balance = u64;
	type CodeStore = MemoryStore;
	type ApproveOrigin = EnsureSignedBy<Council, u64>;
	type MaxCodeLen = ConstU32<MAX_CODE_LEN>;
	type WeightInfo = ();
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	STORED.with(|stored| stored.borrow_mut().clear());
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
