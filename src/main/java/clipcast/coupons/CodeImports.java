package clipcast.coupons;

import clipcast.coupons.domain.CodeFormat;
import clipcast.coupons.domain.CodeImportProblem;
import clipcast.coupons.domain.ImportedCodeCheck;
import clipcast.tenancy.TenantId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports externally made codes all or nothing, in one transaction, in constant memory whatever the file's length.
 * The file is read once: each row is checked on its own as it comes and its code copied into the stage at once;
 * whether a code comes twice in the file or is taken already is then found over the whole stage in SQL. Of the wrong
 * rows only the first {@link ImportOutcome#LISTED_ERRORS} are kept, and a count of them all.
 */
@Component
class CodeImports {

    private static final ImportOutcome.Rejected NO_CODES =
            new ImportOutcome.Rejected(List.of(new ImportOutcome.RowError(0, "file", CodeImportProblem.REQUIRED)), 1);
    /** Codes were added meanwhile, yet none of the file's is taken now: not expected, but never an import. */
    private static final ImportOutcome.Rejected TAKEN_MEANWHILE =
            new ImportOutcome.Rejected(List.of(new ImportOutcome.RowError(0, "file", CodeImportProblem.CODE_TAKEN)), 1);

    private final CodeImportStage stage;
    private final TransactionTemplate transactions;

    CodeImports(CodeImportStage stage, TransactionTemplate transactions) {
        this.stage = stage;
        this.transactions = transactions;
    }

    ImportOutcome run(TenantId tenant, UUID offerId, CodeFormat format, CodeSource source) {
        return transactions.execute(status -> {
            var outcome = stageAndInsert(status, tenant, offerId, format, source);
            if (!(outcome instanceof ImportOutcome.Imported)) {
                status.setRollbackOnly();
            }
            return outcome;
        });
    }

    private ImportOutcome stageAndInsert(
            TransactionStatus status, TenantId tenant, UUID offerId, CodeFormat format, CodeSource source) {
        stage.create();
        var check = new ImportedCodeCheck(format);
        var wrong = new WrongRows();
        long staged;
        try (var copy = stage.copy()) {
            boolean readable = source.forEachRow((row, code) -> {
                switch (check.check(code)) {
                    case ImportedCodeCheck.Accepted(var normalised) -> copy.add(row, normalised);
                    case ImportedCodeCheck.Rejected(var problem) ->
                        wrong.add(new ImportOutcome.RowError(row, "code", problem));
                }
            });
            if (!readable) {
                return new ImportOutcome.Unreadable();
            }
            staged = copy.finish();
        }
        if (staged == 0) {
            return wrong.count == 0 ? NO_CODES : wrong.rejection(List.of(), 0);
        }
        stage.analyze();
        if (wrong.count == 0) {
            // Most files are right: insert at once rather than look for conflicts first. A code that comes twice or
            // is taken (by now: a concurrent import's commit included) is left out, so fewer rows mean a conflict.
            var beforeInsert = status.createSavepoint();
            if (stage.insert(tenant, offerId) == staged) {
                return new ImportOutcome.Imported(staged);
            }
            status.rollbackToSavepoint(beforeInsert);
        }
        var conflicts = stage.conflicts(tenant, ImportOutcome.LISTED_ERRORS);
        if (wrong.count == 0 && conflicts.total() == 0) {
            return TAKEN_MEANWHILE;
        }
        return wrong.rejection(conflicts.first(), conflicts.total());
    }

    /** The wrong rows found while reading: the first few in row order, and how many. */
    private static final class WrongRows {

        private final List<ImportOutcome.RowError> first = new ArrayList<>();
        private long count;

        void add(ImportOutcome.RowError error) {
            count++;
            if (first.size() < ImportOutcome.LISTED_ERRORS) {
                first.add(error);
            }
        }

        /** These rows together with others found later (also the first few, in row order, of {@code total}). */
        ImportOutcome.Rejected rejection(List<ImportOutcome.RowError> others, long total) {
            var listed = new ArrayList<>(first);
            listed.addAll(others);
            listed.sort(Comparator.comparingLong(ImportOutcome.RowError::row));
            return new ImportOutcome.Rejected(
                    listed.subList(0, Math.min(listed.size(), ImportOutcome.LISTED_ERRORS)), count + total);
        }
    }
}
