-- Every tenant has an owner (issue 10's permission matrix): only an owner may grant or revoke the owner role,
-- so a tenant created before owners existed would otherwise never get one. Where a tenant has no owner, its
-- earliest active admin becomes the owner (its admins keep everything they could do; owner ⊇ admin). Runs
-- as the database owner, like the seed (RLS does not apply to it).
UPDATE "users" SET "role" = 'owner'
WHERE "id" IN (
  SELECT DISTINCT ON (a."tenant_id") a."id"
  FROM "users" a
  WHERE a."role" = 'admin'
    AND a."deactivated_at" IS NULL
    AND NOT EXISTS (SELECT 1 FROM "users" o WHERE o."tenant_id" = a."tenant_id" AND o."role" = 'owner')
  ORDER BY a."tenant_id", a."created_at", a."id"
);
