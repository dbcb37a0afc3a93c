"""Chinese texts the core raises or warns with. Stdlib only.

Helpers: append new texts at the end of this file, in a section named after your module.
"""
from __future__ import annotations

DATABASE_BUSY = "数据库正被其他人写入，请稍后重试"
DB_MISSING = "数据库 {path} 不存在。请先运行 docket init 创建（或用 docket demo 生成演示库）"
DB_NEWER = "数据库 {path} 由更新版本的 docket 创建（结构版本 {found}，本程序只认识到 {known}），请升级 docket 后再打开"
DB_HAS_DATA = "数据库 {path} 已有数据，init 不会改动它。换一个 --db 路径，或先备份后另行处理"
NOT_A_DB = "{path} 不是 docket 数据库文件"
STALE = "第{number}号{kind}已被 {by} 修改，已重新载入，请核对后再提交"

ITEM_NOT_FOUND = "第{number}号不存在（{session}）。用 docket list 查看已有编号"
SESSION_NOT_FOUND = "届次“{name}”不存在"
NO_SESSION = "尚未建立届次，请先运行 docket init"
UNIT_NOT_FOUND = "单位“{name}”不存在"
UNIT_CLOSE = "，相近的有：{matches}"
UNIT_AMBIGUOUS = "单位“{name}”不明确，可能是：{matches}。请写全称"
UNIT_EXISTS = "单位“{name}”已存在"
UNIT_NAME_EMPTY = "单位名称：不能为空"

FIELD_EMPTY = "{field}：不能为空"
RECEIVED_FUTURE = "提出日期：{day} 晚于今天（{today}），请核对"
ON_FUTURE = "{field}：{day} 晚于今天（{today}），不能预先登记"
UNKNOWN_KIND = "类型：未知的类型“{kind}”，应为 suggestion（建议）、motion（议案）或 proposal（提案）"
KIND_NOT_FOR_BODY = "类型：{body} 不受理“{kind}”"
CATEGORY_UNLISTED = "类别“{category}”不在常用类别中，已照录"
NAME_TRAILING_DENG = "领衔人“{raw}”末尾的“等”已去掉"

ILLEGAL = "第{number}号{kind}{state}，不能{action}"
REASON_REQUIRED = "{action}需要写明理由"
MERGE_SELF = "不能把第{number}号并入它自己"
MERGE_TARGET_STATE = "第{number}号{kind}{state}，不能作为并案的主件"
MERGE_KIND = "第{number}号与第{target}号类型不同，不能并案"
MERGE_HAS_MEMBERS = "已有其他件并入第{number}号，它不能再并入别的件"
AS_KIND_ONLY_MOTION = "只有议案可以转为建议处理（第{number}号是{kind}）"

LEAD_IN_SUPPORT = "主办单位“{unit}”不能同时是协办单位"
LEAD_MISMATCH = "第{number}号的主办单位是{current}，不是{given}。更换主办单位需先退回"
DUE_BEFORE_ON = "期限：{due} 早于交办日期 {on}"
DUE_AFTER_CAP = "期限：{due} 超过最长期限 {cap}（deadline.max）"
NOT_ASSIGNED_UNIT = "第{number}号没有交办给{unit}（或已退回、已结束）"
ALREADY_SUPPORT = "{unit}已是第{number}号的协办单位"
RETURN_LATE = "第{number}号{unit}的异议期已于{until}届满"
RETURN_REPLIED = "{unit}已就第{number}号答复，不能退回"
EXTEND_NOT_LATER = "新期限 {new} 不晚于现在的期限 {current}"
EXTEND_SUPPORT_AFTER_LEAD = "协办期限 {new} 不能晚于主办期限 {lead}"
CLASS_REQUIRED = "主办单位答复须写明类别（{codes}）"
CLASS_UNKNOWN = "类别：未知的代码“{code}”，可用：{codes}"
CLASS_FOR_SUPPORT = "协办意见不写类别（{unit}是协办单位）"
REPLY_BEFORE_ASSIGN = "答复日期 {on} 早于交办日期 {assigned}"
REPLY_WAITING = "会签：{units} 尚未提供协办意见（reply.require_support）"
REPLY_MISSING_OPINIONS = "{units} 未提供协办意见，已按“未提供意见”结束其协办"
ALREADY_REPLIED = "{unit}本轮已答复第{number}号"
NO_REPLY_TO_FIX = "第{number}号还没有主办单位的答复，无法更正类别"
UNKNOWN_LEVEL = "{field}：未知的等次“{value}”，应为 满意、基本满意 或 不满意"
EVAL_BEFORE_REPLY = "评价日期 {on} 早于答复日期 {reply}"
ALREADY_EVALUATED = "第{number}号本轮已评价"
BAD_YESNO = "{field}：应为 yes 或 no"
NOTHING_SELECTED = "没有选中任何件"

# -- handling (fixes found by the test suite) --
NO_RATING_DUE = "第{number}号上一轮已评价“{level}”，本轮重新办理后无需再评价"

# reminders/stats/export
OUT_FORMAT = "输出文件 {name}：格式应为 {formats}，请改用这些扩展名"
OUT_DIR_MISSING = "输出目录 {folder} 不存在，请先创建或换一个目录"
OUT_DIR_READONLY = "输出目录 {folder} 无法写入，请检查权限或换一个目录"
OUT_IS_DIR = "{path} 是一个目录，请写出文件名，例如 {example}"

# -- text hygiene (core/text.py) --
CONTROL_REFUSED = "{field}：含有控制字符 {code}（如终端转义序列），请删去后重试"
CONTROL_CLEANED = "有 {count} 个单元格含控制字符或终端转义序列，已删去这些字符后导入"

# the store's file: where it lives, what it is, its audit anchor (store/db.py, store/events.py)
DB_EMPTY_FILE = "{path} 是空文件，不是 docket 数据库（新建数据库请用 docket init），文件未改动"
DB_ON_NETWORK = ("数据库 {path} 位于网络文件系统（{fs}）上：SQLite 的 WAL 日志依赖共享内存和文件锁，"
                 "在网络盘上可能静默损坏数据，已拒绝打开。请把数据库放在本机磁盘上；多人使用时，"
                 "请登录保存数据库的那台服务器（如 ssh）再运行 docket")
NUMBER_TOO_LARGE = "编号 {number} 过大：编号应为 1 到 {limit} 之间的整数"
NUMBERS_EXHAUSTED = "本届次编号已到上限 {limit}，无法自动编号；请检查是否误录了过大的编号"
BACKUP_ONTO_LIVE = "{path} 就是当前数据库，不能备份到它自身；请另写一个文件名"
DB_DISK_FULL = ("数据库 {path} 所在的磁盘已满，本次操作未执行，数据未改动。请清理该磁盘"
                "（或把数据库移到空间充足的磁盘）后重试")
DB_READ_ONLY = ("数据库 {path} 无法写入（文件或所在文件夹是只读的、没有写入权限，或磁盘以只读方式挂载），"
                "本次操作未执行，数据未改动。请让管理员开放写入权限，或把数据库复制到可写的位置后重试")

# what to do next (DocketError.hint): the CLI words them in commands/messages.py HINTS, the TUI
# in tui/strings.py HINTS, each in its own terms (a flag or command; a form field or a key)
HINT_REASON = "reason"  # a reason is required
HINT_UNIT_ADD = "unit_add"  # a unit not in the directory (and none close)
HINT_FORCE = "force"  # refused unless forced (a return after the objection window)
HINT_RETURN = "return"  # the lead is changed by returning the item first
HINT_MERGE_INTO = "merge_into"  # a merge names its master item
HINT_SUPPORT = "support"  # an assigned item takes more supporting units only
HINT_ROUND_NEW = "appraisal_new"  # no appraisal round yet
HINT_ROUND_DEPARTMENT = "appraisal_department"  # a department is not in the round
HINT_ROUND_GROUP = "appraisal_group"  # a voter group is not in the round
HINT_ALLOW_MISSING = "allow_missing"  # some tallies are missing
MERGE_NUMBER = "并案需指明主件编号"

# -- progress against plan (core/progress.py), shared by rectification and projects --
PROGRESS_NOT_NUMBER = "进度：“{text}”不是数字，应为 0 到 100 之间的整数"
PROGRESS_RANGE = "进度：{text} 超出范围，应为 0 到 100 之间的整数"
PROGRESS_WHOLE = "进度：{text} 应为整数（0 到 100）"
PROGRESS_BACKWARDS = "进度：{percent}% 低于上次报送的 {previous}%，进度回退须用 --note 写明原因"
PROGRESS_LATE = "未按时报送进度"

# -- livelihood projects (core/projects.py, domain.md §13) --
PROJECT_ROUND_NOT_FOUND = "民生实事票决“{name}”不存在"
PROJECT_ROUND_KNOWN = "；已有：{names}"
PROJECT_NO_ROUND = "还没有民生实事票决；先运行 docket project new 名称 --places 名额"
PROJECT_ROUND_EXISTS = "名称“{name}”已被使用（届次或票决），请换一个名称"
PROJECT_ROUND_NAME = "票决名称不能为空，例如 2027年民生实事项目"
PROJECT_PLACES = "--places：名额应为正整数，收到 {places}"
PROJECT_BUDGET = "--budget：预算“{text}”不是非负的数（单位：万元）"
PROJECT_VOTED = "“{round}”已经票决，不能再增加候选项目"
PROJECT_NOT_CANDIDATE = "第{number}号不是“{round}”的候选项目"
PROJECT_BALLOT_BAD = "选票有误，未保存："
PROJECT_ENTRY = "“{text}”应写作 编号=赞成/反对/弃权，例如 3=80/6/2"
PROJECT_ENTRY_TWICE = "第{number}号在选票中出现了两次"
PROJECT_PRESENT_OVER = "出席人数{present}超过代表总数{members}"
PROJECT_VALID_OVER = "有效票{valid}超过出席人数{present}"
PROJECT_SUM_OVER = "第{number}号“{title}”：赞成{yes}、反对{no}、弃权{abstain}合计{total}票，超过有效票{valid}"
PROJECT_MISSING = "待表决的第{numbers}号不在选票中（每张选票须列出全部待表决项目）"
PROJECT_NOT_PENDING = "第{number}号{state}，不在本次表决之列"
PROJECT_NOTHING_PENDING = "“{round}”没有待表决的项目"
PROJECT_NOT_ADOPTED = "第{number}号{state}，不是入选项目，不能{action}"
PROJECT_NOT_ASSIGNED = "第{number}号尚未交办，先运行 docket --session {round} assign {number} --lead 单位"
PROJECT_MILESTONE_TEXT = "节点内容不能为空"
PROJECT_MILESTONE_SPAN = "节点日期 {on} 不在交办日 {assigned} 与办理期限 {due} 之间"
PROJECT_STAGE = "--stage 应为 mid（年中）或 final（年终）"
PROJECT_NO_RESULT = "“{round}”还没有票决结果，不能生成报告"
PROJECT_TEST_LINE = "{stage}测评：{n}个项目，总体满意率 {rate}（满意和基本满意 {good} 票 ÷ 有效票 {valid}），最低 {low}"
