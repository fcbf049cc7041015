import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import org.backcheck.service.cdshooks.CdsHookCall;

/**
 * The CPU time of one CDS Hooks call in process, from the bench jar's CdsHookCall: this thread's CPU
 * time (not wall time) over many calls, so that other work on a busy machine counts less than in
 * JMH's wall-clock figures. Run from the repository root:
 *
 *   java -cp backcheck-bench/target/backcheck-bench.jar bench/CdsHookCpu.java [order-sign|order-select] [calls]
 */
public class CdsHookCpu {
    public static void main(String[] args) throws Exception {
        String hook = args.length > 0 ? args[0] : "order-sign";
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        byte[] body = Files.readAllBytes(Path.of("backcheck-service/src/test/resources/cds/" + hook + "-request.json"));
        CdsHookCall call = new CdsHookCall();
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < calls; i++) {
            sink += call.answer(hook, body, "http://127.0.0.1:8080").length();   // warm-up
        }
        for (int round = 0; round < 3; round++) {
            long cpu = bean.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                sink += call.answer(hook, body, "http://127.0.0.1:8080").length();
            }
            System.out.printf("%s: %.1f us CPU per call (%.1f us wall)%n", hook,
                    (bean.getCurrentThreadCpuTime() - cpu) / 1e3 / calls, (System.nanoTime() - wall) / 1e3 / calls);
        }
        if (sink == 0) {
            System.out.println();
        }
    }
}
