-- Whether providers act on every appointment and see every client (true), or only on the
-- appointments booked with them and the clients who have one (false, the default). Owners,
-- admins and the front desk are not affected.

ALTER TABLE practices ADD COLUMN providers_manage_all_appointments boolean NOT NULL DEFAULT false;
