use super::*;
use crate::{Error, HoldReason, Providers as ProvidersMap};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};

#[test]
fn rotation_bumps_the_version_and_keeps_the_old_key() {
	build_and_execute(|| {
		admit(CLINIC);
		assert_ok!(Providers::rotate_encryption_key(RuntimeOrigin::signed(CLINIC), key(8)));
		let info = ProvidersMap::<Test>::get(CLINIC).unwrap();
		assert_eq!((info.encryption_key, info.key_version), (key(8), 1));
		assert_eq!(info.previous_keys.to_vec(), vec![(0, key(7))]);
		assert_last(Event::EncryptionKeyRotated { provider: CLINIC, version: 1 });
	});
}

#[test]
fn key_history_drops_the_oldest_when_full() {
	build_and_execute(|| {
		admit(CLINIC);
		for seed in 8..=10 {
			assert_ok!(Providers::rotate_encryption_key(RuntimeOrigin::signed(CLINIC), key(seed)));
		}
		let info = ProvidersMap::<Test>::get(CLINIC).unwrap();
		assert_eq!(info.key_version, 3);
		assert_eq!(info.previous_keys.to_vec(), vec![(1, key(8)), (2, key(9))]);
	});
}

#[test]
fn rotation_refuses_same_zero_key_and_non_providers() {
	build_and_execute(|| {
		admit(CLINIC);
		assert_noop!(
			Providers::rotate_encryption_key(RuntimeOrigin::signed(CLINIC), key(7)),
			Error::<Test>::SameEncryptionKey
		);
		assert_noop!(
			Providers::rotate_encryption_key(RuntimeOrigin::signed(CLINIC), key(0)),
			Error::<Test>::InvalidEncryptionKey
		);
		assert_noop!(
			Providers::rotate_encryption_key(RuntimeOrigin::signed(OTHER_CLINIC), key(8)),
			Error::<Test>::NotProvider
		);
	});
}

#[test]
fn endpoint_update_adjusts_the_deposit() {
	build_and_execute(|| {
		admit(CLINIC);
		let longer = b"https://records.riverside.example/fhir".to_vec();
		assert_ok!(Providers::set_endpoint(RuntimeOrigin::signed(CLINIC), longer.clone()));
		let expected = DEPOSIT_BASE + DEPOSIT_PER_BYTE * (NAME.len() + longer.len()) as Balance;
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::ProviderDeposit.into(), &CLINIC),
			expected
		);
		assert_eq!(ProvidersMap::<Test>::get(CLINIC).unwrap().endpoint.to_vec(), longer);
		assert_last(Event::EndpointUpdated { provider: CLINIC });
		assert_ok!(Providers::set_endpoint(
			RuntimeOrigin::signed(CLINIC),
			b"https://r.example".to_vec()
		));
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::ProviderDeposit.into(), &CLINIC),
			DEPOSIT_BASE + DEPOSIT_PER_BYTE * (NAME.len() + 17) as Balance
		);
	});
}

#[test]
fn endpoint_update_refuses_bad_urls_and_non_providers() {
	build_and_execute(|| {
		assert_noop!(
			Providers::set_endpoint(RuntimeOrigin::signed(ALICE), b"gopher://x".to_vec()),
			Error::<Test>::InvalidEndpoint
		);
		assert_noop!(
			Providers::set_endpoint(RuntimeOrigin::signed(CLINIC), ENDPOINT.to_vec()),
			Error::<Test>::NotProvider
		);
	});
}
