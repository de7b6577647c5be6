//! `SkipPaymentIfFeeless` in the real runtime: a patient's consent call within the allowance
//! pays nothing and is refunded the payment's weight; past the allowance, and for any other
//! call, the payment is charged exactly as by `ChargeTransactionPayment` alone.

use codec::Encode;
use frame_support::{
	assert_ok,
	dispatch::{DispatchInfo, GetDispatchInfo, Pays, PostDispatchInfo},
	weights::Weight,
};
use medledger_primitives::{AccessLevel, CategorySet, EncryptionKey, Purpose};
use medledger_runtime::{
	feeless::SkipPaymentIfFeeless, genesis_config_presets, Balances, BuildStorage, Patients,
	Runtime, RuntimeCall, RuntimeGenesisConfig, RuntimeOrigin, System,
};
use pallet_consent::CheckConsentCall;
use pallet_transaction_payment::ChargeTransactionPayment;
use sp_keyring::Sr25519Keyring::{Bob, Eve};
use sp_runtime::traits::{DispatchTransaction, TransactionExtension};

type Payment = ChargeTransactionPayment<Runtime>;
type Wrapped = SkipPaymentIfFeeless<Runtime, Payment>;

/// The dev chain at block 1, with Eve registered as a patient.
fn dev_chain() -> sp_io::TestExternalities {
	let preset = genesis_config_presets::development_config_genesis();
	let config: RuntimeGenesisConfig =
		serde_json::from_value(preset).expect("the dev preset is a full genesis config");
	let mut ext: sp_io::TestExternalities =
		config.build_storage().expect("the dev preset builds").into();
	ext.execute_with(|| {
		System::set_block_number(1);
		assert_ok!(Patients::register(
			RuntimeOrigin::signed(Eve.to_account_id()),
			EncryptionKey([7; 32])
		));
	});
	ext
}

/// Eve grants Bob read access to all her records for treatment: a consent call.
fn grant() -> RuntimeCall {
	RuntimeCall::Consent(pallet_consent::Call::grant {
		patient: Eve.to_account_id(),
		grantee: Bob.to_account_id(),
		categories: CategorySet::all(),
		except: CategorySet::empty(),
		purpose: Purpose::Treatment,
		access: AccessLevel::Read,
		starts: None,
		ends: None,
	})
}

/// Eve sends Bob one unit: never feeless.
fn transfer() -> RuntimeCall {
	RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: Bob.to_account_id().into(),
		value: 1_000_000_000_000,
	})
}

/// Runs `extension` around `call` signed by Eve, the call itself replaced by one that spends
/// its whole weight. Returns the weight left charged (call and extension, after refunds) and
/// what Eve paid.
fn charged<E: TransactionExtension<RuntimeCall>>(
	extension: E,
	call: &RuntimeCall,
) -> (Weight, u128) {
	let mut info: DispatchInfo = call.get_dispatch_info();
	info.extension_weight = extension.weight(call);
	let len = call.encoded_size() + 100;
	let before = Balances::free_balance(Eve.to_account_id());
	let outcome = extension
		.test_run(RuntimeOrigin::signed(Eve.to_account_id()), call, &info, len, 0, |_| {
			Ok(PostDispatchInfo { actual_weight: None, pays_fee: info.pays_fee })
		})
		.expect("the transaction is valid")
		.expect("the substitute succeeds");
	let paid = before - Balances::free_balance(Eve.to_account_id());
	(outcome.actual_weight.expect("set after dispatch"), paid)
}

#[test]
fn a_feeless_consent_call_pays_nothing_and_is_refunded_the_payments_weight() {
	dev_chain().execute_with(|| {
		let call = grant();
		assert_eq!(call.get_dispatch_info().pays_fee, Pays::Yes, "feeless by `feeless_if` only");
		let payment_weight = Payment::from(0).weight(&call);
		assert!(payment_weight.ref_time() > 0, "the payment has a weight to refund");
		let (weight, paid) = charged(Wrapped::from(Payment::from(0)), &call);
		assert_eq!(paid, 0);
		assert_eq!(weight, call.get_dispatch_info().call_weight, "the payment's weight refunded");
	});
}

#[test]
fn a_paid_call_is_charged_as_by_the_payment_extension_alone() {
	// A transfer, and a consent call once the patient's allowance for the window is spent.
	for exhaust_allowance in [false, true] {
		let mut wrapped = dev_chain();
		let mut alone = dev_chain();
		let call = if exhaust_allowance { grant() } else { transfer() };
		let run = |ext: &mut sp_io::TestExternalities, wrap: bool| {
			ext.execute_with(|| {
				if exhaust_allowance {
					spend_allowance();
				}
				if wrap {
					charged(Wrapped::from(Payment::from(0)), &call)
				} else {
					charged(Payment::from(0), &call)
				}
			})
		};
		let (wrapped_weight, wrapped_paid) = run(&mut wrapped, true);
		let (alone_weight, alone_paid) = run(&mut alone, false);
		assert!(wrapped_paid > 0, "{call:?} pays a fee");
		assert_eq!(wrapped_paid, alone_paid, "{call:?}: the same fee");
		assert_eq!(wrapped_weight, alone_weight, "{call:?}: the same weight, nothing refunded");
	}
}

/// Counts consent calls of Eve's against her allowance, as `CheckConsentCall` does before each
/// dispatch, until none is left for this window.
fn spend_allowance() {
	let call = grant();
	let info = call.get_dispatch_info();
	while pallet_consent::Pallet::<Runtime>::is_feeless(
		&RuntimeOrigin::signed(Eve.to_account_id()),
		&Eve.to_account_id(),
	) {
		assert_ok!(CheckConsentCall::<Runtime>::new()
			.test_run(RuntimeOrigin::signed(Eve.to_account_id()), &call, &info, 0, 0, |_| {
				Ok(PostDispatchInfo::default())
			})
			.expect("a valid consent call"));
	}
}
