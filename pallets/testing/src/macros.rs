//! The trait impls and the genesis steps a mock makes for its own runtime type.
//!
//! They expand in the mock: `frame_support`, `frame_system`, `pallet_balances`, `sp_runtime`
//! and `pallet_patients` are the calling crate's, and the names `construct_runtime!` makes
//! (`RuntimeHoldReason`, `RuntimeEvent`, ...) are the calling module's. `#[cfg(feature = ..)]`
//! attributes they emit are evaluated in the calling crate, against its features.

/// Implements `frame_system::Config` and `pallet_balances::Config` for the test runtime
/// `$runtime`: accounts are [`AccountId`](crate::AccountId)s, balances are
/// [`Balance`](crate::Balance)s with an existential deposit of 1, the rest the pallets' test
/// defaults.
///
/// Call it in the module of the runtime's `construct_runtime!`, which must include
/// `frame_system` and `pallet_balances`. The calling crate depends on `frame-support`,
/// `frame-system`, `pallet-balances` and `sp-runtime`.
///
/// ```ignore
/// frame_support::construct_runtime!(
/// 	pub enum Test {
/// 		System: frame_system,
/// 		Balances: pallet_balances,
/// 	}
/// );
///
/// medledger_pallet_testing::impl_system_and_balances!(Test);
/// ```
#[macro_export]
macro_rules! impl_system_and_balances {
	($runtime:ident) => {
		// `derive_impl` invokes itself again by its bare name, so that name must be in scope
		// where it expands: a block of its own imports it without clashing with the caller's
		// imports. Inside, the impls name the caller's crates, not `$crate`: `derive_impl`
		// needs the caller's `frame-support` in any case, and its input stays plain paths.
		const _: () = {
			use frame_support::derive_impl;

			#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
			impl frame_system::Config for $runtime {
				type Block = frame_system::mocking::MockBlock<$runtime>;
				type AccountId = u64;
				type Lookup = sp_runtime::traits::IdentityLookup<u64>;
				type AccountData = pallet_balances::AccountData<u64>;
			}

			#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
			impl pallet_balances::Config for $runtime {
				type Balance = u64;
				type ExistentialDeposit = frame_support::traits::ConstU64<1>;
				type AccountStore = frame_system::Pallet<$runtime>;
				type RuntimeHoldReason = RuntimeHoldReason;
			}
		};
	};
}

/// Defines `TestSigner`, the benchmarks' `pallet_patients::BenchmarkHelper`, in the calling
/// module: it signs with `TestSignature`, whose signer is the account itself; its new patient
/// is [`STRANGER`](crate::STRANGER) (funded, and registered by no mock's genesis) and its
/// sponsor [`CLINIC`](crate::CLINIC).
///
/// `TestSigner` exists only when the calling crate is built with its `runtime-benchmarks`
/// feature, as does the helper trait; `pallet_patients` must name the patient registry there
/// (pallet-patients' own mock has `use crate as pallet_patients;`). The mock may implement its
/// own pallet's benchmark helper for `TestSigner` too.
#[macro_export]
macro_rules! impl_test_signer {
	() => {
		/// Signs with `TestSignature`, whose signer is the account itself.
		#[cfg(feature = "runtime-benchmarks")]
		pub struct TestSigner;

		#[cfg(feature = "runtime-benchmarks")]
		impl
			pallet_patients::BenchmarkHelper<
				$crate::AccountId,
				$crate::__private::sp_runtime::testing::TestSignature,
			> for TestSigner
		{
			fn patient() -> $crate::AccountId {
				$crate::STRANGER
			}

			fn sign(
				patient: &$crate::AccountId,
				message: &[u8],
			) -> $crate::__private::sp_runtime::testing::TestSignature {
				$crate::__private::sp_runtime::testing::TestSignature(*patient, message.to_vec())
			}

			fn sponsor() -> Option<$crate::AccountId> {
				Some($crate::CLINIC)
			}
		}
	};
}

/// Implements consent's benchmark helper for `TestSigner`
/// ([`impl_test_signer!`](crate::impl_test_signer!)), in consent's own mock
/// (`crate::BenchmarkHelper`) and in other pallets' mocks (`pallet_consent::BenchmarkHelper`): patients register through the mock's
/// `Patients` with a fixed encryption key, the practitioner is [`DOCTOR`](crate::DOCTOR), and a
/// manager is a representative the patient appoints to manage consent.
///
/// ```ignore
/// medledger_pallet_testing::impl_consent_benchmark_helper!(pallet_consent::BenchmarkHelper);
/// ```
#[macro_export]
macro_rules! impl_consent_benchmark_helper {
	($($helper:tt)+) => {
		#[cfg(feature = "runtime-benchmarks")]
		impl $($helper)+<$crate::AccountId> for TestSigner {
			fn register_patient(who: &$crate::AccountId) {
				Patients::register(RuntimeOrigin::signed(*who), $crate::__private::EncryptionKey([7; 32]))
					.expect("a funded account registers");
			}

			fn practitioner() -> $crate::AccountId {
				$crate::DOCTOR
			}

			fn appoint_manager(patient: &$crate::AccountId, representative: &$crate::AccountId) {
				Patients::appoint_representative(
					RuntimeOrigin::signed(*patient),
					*representative,
					$crate::__private::RepresentativeScope::ManageConsent,
					Default::default(),
					None,
				)
				.expect("a patient appoints a representative");
			}
		}
	};
}

/// Implements `pallet_patients::Config` for the test runtime `$runtime` of another pallet's
/// mock (consent's, records'), and defines its `TestSigner`
/// ([`impl_test_signer!`](crate::impl_test_signer!)): deposits of
/// [`PATIENT_DEPOSIT`](crate::PATIENT_DEPOSIT) held in `pallet_balances`, at most
/// [`MAX_REPRESENTATIVES`](crate::MAX_REPRESENTATIVES) representatives, signatures by
/// `TestSignature`, providers from [`TestProviders`](crate::TestProviders), the law's
/// appointments by root.
///
/// Call it in the module of the runtime's `construct_runtime!`, which must include
/// `frame_system`, `pallet_balances` and `pallet_patients`, next to
/// [`impl_system_and_balances!`](crate::impl_system_and_balances!). The calling crate depends
/// on `pallet-patients`, and enables `pallet-patients/runtime-benchmarks` with its own
/// `runtime-benchmarks`.
///
/// ```ignore
/// medledger_pallet_testing::impl_system_and_balances!(Test);
/// medledger_pallet_testing::impl_patients_config!(Test);
/// ```
#[macro_export]
macro_rules! impl_patients_config {
	($runtime:ident) => {
		impl pallet_patients::Config for $runtime {
			type Currency = pallet_balances::Pallet<$runtime>;
			type RuntimeHoldReason = RuntimeHoldReason;
			type Signature = $crate::__private::sp_runtime::testing::TestSignature;
			type Signer = $crate::__private::sp_runtime::testing::UintAuthorityId;
			type Providers = $crate::TestProviders;
			type LawOrigin = frame_system::EnsureRoot<$crate::AccountId>;
			type PatientDeposit =
				$crate::__private::frame_support::traits::ConstU64<{ $crate::PATIENT_DEPOSIT }>;
			type MaxRepresentatives =
				$crate::__private::frame_support::traits::ConstU32<{ $crate::MAX_REPRESENTATIVES }>;
			type WeightInfo = ();
			#[cfg(feature = "runtime-benchmarks")]
			type BenchmarkHelper = TestSigner;
		}

		$crate::impl_test_signer!();
	};
}

/// Registers the [`GENESIS_PATIENTS`](crate::GENESIS_PATIENTS), each with its
/// [`genesis_key`](crate::genesis_key), and appoints the
/// [`GENESIS_REPRESENTATIVES`](crate::GENESIS_REPRESENTATIVES) (GUARDIAN manages PATIENT's
/// consent, VIEWER views PATIENT's records), through the calls of the test runtime
/// `$runtime`'s `pallet_patients`; then clears the events, so that a test sees only those of
/// its own calls.
///
/// Run it inside the externalities of a chain whose patients are funded
/// ([`new_test_ext`](crate::new_test_ext)):
///
/// ```ignore
/// pub fn new_test_ext() -> sp_io::TestExternalities {
/// 	let mut ext = medledger_pallet_testing::new_test_ext::<Test>();
/// 	ext.execute_with(|| medledger_pallet_testing::patient_genesis!(Test));
/// 	ext
/// }
/// ```
#[macro_export]
macro_rules! patient_genesis {
	($runtime:ident) => {{
		for patient in $crate::GENESIS_PATIENTS {
			pallet_patients::Pallet::<$runtime>::register(
				frame_system::RawOrigin::Signed(patient).into(),
				$crate::genesis_key(patient),
			)
			.expect("a funded account registers as a patient");
		}
		for (patient, representative, scope) in $crate::GENESIS_REPRESENTATIVES {
			pallet_patients::Pallet::<$runtime>::appoint_representative(
				frame_system::RawOrigin::Signed(patient).into(),
				representative,
				scope,
				$crate::__private::sp_core::H256::zero(),
				None,
			)
			.expect("a registered patient appoints a representative");
		}
		frame_system::Pallet::<$runtime>::reset_events();
	}};
}
