use leptos::prelude::*;

use super::{field_error, live_error, Outcome, TextField};
use crate::{accounts::Profile, error::AppError, i18n::Msg};

/// The office details' fields (職稱, 部門名稱, address, phone and extension, fax), filled with
/// `initial`, each saying its rule as the user types and the server's answer in `outcome`.
/// Inside the caller's form: their names are `Profile`'s fields. `id` prefixes the element ids.
#[component]
pub fn ProfileFields<T: Send + Sync + 'static>(
    id: &'static str,
    initial: Profile,
    outcome: Outcome<T>,
) -> impl IntoView {
    let title = RwSignal::new(initial.title);
    let unit = RwSignal::new(initial.unit);
    let address = RwSignal::new(initial.address);
    let office_phone = RwSignal::new(initial.office_phone);
    let office_ext = RwSignal::new(initial.office_ext);
    let fax = RwSignal::new(initial.fax);
    // Each field's rule as the user types, said at that field: the other required fields are
    // given a stand-in while empty, so that only this field's own rule speaks.
    let error = move |field: &'static str, value: RwSignal<String>| {
        let rule = move |_: &str| {
            let or = |s: RwSignal<String>, stand_in: &str| {
                Some(s.get()).filter(|v| !v.is_empty()).unwrap_or(stand_in.into())
            };
            let typed = Profile {
                title: or(title, "-"),
                unit: or(unit, "-"),
                address: address.get(),
                office_phone: or(office_phone, "0"),
                office_ext: office_ext.get(),
                fax: fax.get(),
            };
            match typed.check() {
                Err(AppError::Invalid { field: f, message }) if f == field => {
                    Err(AppError::Invalid { field: f, message })
                }
                _ => Ok(()),
            }
        };
        live_error(value, rule, field_error(outcome, field))
    };
    view! {
        <div class="grid gap-3 sm:grid-cols-2">
            <TextField id=format!("{id}-title") name="title" label=Msg::ApplyJobTitle value=title autocomplete="organization-title"
                error=error("title", title) required=true/>
            <TextField id=format!("{id}-unit") name="unit" label=Msg::ApplyUnit value=unit error=error("unit", unit) required=true/>
        </div>
        <TextField id=format!("{id}-address") name="address" label=Msg::ApplyAddress value=address autocomplete="street-address"
            hint=Msg::Optional error=error("address", address)/>
        <div class="grid grid-cols-3 gap-3">
            <div class="col-span-2">
                <TextField id=format!("{id}-phone") name="office_phone" label=Msg::ApplyOfficePhone value=office_phone
                    input_type="tel" autocomplete="tel" inputmode="tel" error=error("office_phone", office_phone) required=true/>
            </div>
            // Optional said in the label, not a hint line, so that its box lines up with the phone's.
            <TextField id=format!("{id}-ext") name="office_ext" label=Msg::ApplyOfficeExtOptional value=office_ext
                inputmode="numeric" error=error("office_ext", office_ext)/>
        </div>
        <TextField id=format!("{id}-fax") name="fax" label=Msg::ApplyFax value=fax input_type="tel" inputmode="tel"
            hint=Msg::Optional error=error("fax", fax)/>
    }
}
