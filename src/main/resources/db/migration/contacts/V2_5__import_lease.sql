-- A running import belongs to the node that has it, queued or running: that node renews the lease every few seconds
-- (ImportLeases). An import whose lease ran out lost its node (killed, crashed, cut off) and any node fails it as
-- ABANDONED; nothing of it was kept, since an import commits all or nothing. Imports running when this column
-- arrived have no lease and are failed at the first pass: a server that restarts has none of them left.
ALTER TABLE contact_import ADD COLUMN lease_until timestamptz;
CREATE INDEX contact_import_running ON contact_import (lease_until) WHERE status = 'RUNNING';
