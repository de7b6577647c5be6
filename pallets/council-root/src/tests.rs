use crate::{mock::*, Event};
use frame_support::{assert_noop, assert_ok, dispatch::Pays};
use sp_runtime::DispatchError;

fn root_only_call() -> Box<RuntimeCall> {
	// `set_storage` needs root.
	Box::new(RuntimeCall::System(frame_system::Call::set_storage {
		items: vec![(b"council-was-here".to_vec(), b"yes".to_vec())],
	}))
}

#[test]
fn council_motion_dispatches_as_root() {
	new_test_ext().execute_with(|| {
		let info = CouncilRoot::dispatch(RuntimeOrigin::signed(1), root_only_call()).unwrap();
		assert_eq!(info.pays_fee, Pays::No);
		System::assert_last_event(Event::Dispatched { result: Ok(()) }.into());
		assert_eq!(
			sp_io::storage::get(b"council-was-here").map(|v| v.to_vec()),
			Some(b"yes".to_vec())
		);
	});
}

#[test]
fn anyone_else_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			CouncilRoot::dispatch(RuntimeOrigin::signed(2), root_only_call()),
			DispatchError::BadOrigin
		);
		assert_noop!(
			CouncilRoot::dispatch(RuntimeOrigin::none(), root_only_call()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn failing_call_is_reported_not_raised() {
	new_test_ext().execute_with(|| {
		// `remark_with_event` refuses the root origin: the failure is the call's, not the motion's.
		let call = Box::new(RuntimeCall::System(frame_system::Call::remark_with_event {
			remark: b"hi".to_vec(),
		}));
		assert_ok!(CouncilRoot::dispatch(RuntimeOrigin::signed(1), call));
		System::assert_last_event(
			Event::Dispatched { result: Err(DispatchError::BadOrigin) }.into(),
		);
	});
}
