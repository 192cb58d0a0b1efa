//! The tables, written by hand to match `migrations/sqlite` and `migrations/postgres`.

diesel::table! {
    organizations (id) {
        id -> BigInt,
        oid -> Nullable<Text>,
        name -> Text,
        search_name -> Text,
        parent_oid -> Nullable<Text>,
        kind -> Text,
        school_code -> Nullable<Text>,
        agency_code -> Nullable<Text>,
        county -> Nullable<Text>,
        address -> Nullable<Text>,
        phone -> Nullable<Text>,
        dn -> Nullable<Text>,
        website -> Nullable<Text>,
        successor_oid -> Nullable<Text>,
        created_at -> BigInt,
        updated_at -> BigInt,
    }
}

diesel::table! {
    org_renames (id) {
        id -> BigInt,
        old_oid -> Text,
        new_oid -> Text,
        old_name -> Text,
        new_name -> Text,
        change_date -> Nullable<Text>,
        reference -> Nullable<Text>,
        created_at -> BigInt,
    }
}
