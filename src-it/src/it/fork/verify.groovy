import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').text
def reports = new File(basedir, 'target/gc-vm-reports')
def result = { String name -> new XmlSlurper().parse(new File(reports, name + '.xml')) }
def summary = { new XmlSlurper().parse(new File(reports, 'gc-vm-summary.xml')) }

assert log.contains('gc-vm: running 3 programs from src/gcvm (fork,')
assert log.contains('gc-vm: outside meter: peak RSS by ')
assert log =~ /PASS\s+hello\.mit\s/
assert log =~ /PASS\s+oom\.mit\s/
assert log =~ /RUNTIME_ERROR\s+div\.mit\s/
assert log.contains('src/gcvm/div.mit:3: IllegalArithmeticException: division by zero')

def h = result('hello.mit')
assert h.@mode == 'fork'
assert h.@verdict == 'PASS'
assert h.heap.@limitBytes == '4194304'
assert h.rss.size() == 1
assert (h.rss.@peakKb.text() as long) > 0
assert (h.rss.@baselineKb.text() as long) > 0
// the baseline is the median of three runs of the empty program
def work = new File(basedir, 'target/gc-vm-fork')
(1..3).each { assert new File(work, "baseline-${it}.stdout").exists() }
def baselinePeaks = (1..3).collect { new File(work, "baseline-${it}.rss") }.findAll { it.exists() }.collect { f ->
    (f.readLines().find { it.contains('Maximum resident set size') } =~ /(\d+)\s*$/)[0][1] as long
}
if (baselinePeaks.size() == 3) assert (h.rss.@baselineKb.text() as long) == baselinePeaks.sort()[1]
assert h.rss.@exceeded == 'false'

def o = result('oom.mit')
assert o.@verdict == 'PASS'
assert o.error.@name == 'OutOfMemoryException'
assert o.error.text().contains('limit 2 MB')
assert (o.heap.@collections.text() as int) > 0
assert o.gcSeries.gc.size() > 0

// the command that ran, kept for a look
def cmd = new File(basedir, 'target/gc-vm-fork/hello.mit.cmd').text
assert cmd.contains('-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:PretenureSizeThreshold=1m -XX:-UsePerfData -XX:CompileCommand=quiet -XX:CompileCommand=CompileThresholdScaling,io.gcvm.interp.Compiled*::run,0.01 -Xmn2m -Xmx52m -Xlog:disable -Xlog:all=warning:stderr -cp ')
assert cmd.contains('io.gcvm.cli.Main -mem 4 --timeout 60 --stats --gc-log ')
return true
