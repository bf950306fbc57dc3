/* lists_demo_meetings.c — writing each demo meeting: its row, agenda, attendance and
 * minutes, by kind (roundtable, discussion, pioneer group, joint), with the topics and the
 * problems that meetings raise. */
#include "demo/lists_demo_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xiangli/date.h"
#include "xiangli/mem.h"

/* ---------- chains: %d is the building number ---------- */

static const chain_tpl building_chains[] = {
    {5, "safety", "%d号楼电动车楼道充电", "晚上有电动车推进楼道充电，电线从窗口拉下来，住户担心起火。",
     "%d号楼附近需要集中充电桩", "为%d号楼附近安装集中充电棚", O_STREET,
     {{"摸排%d号楼电动车数量", RESP}, {"在巷口空地建充电棚", O_STREET}, {"%d号楼楼道张贴禁止充电提示", O_VOLUNTEER}},
     "租客说下班只能晚上充电，附近没有充电点。", "不在楼道充电；第一责任人摸排车辆，街道在巷口建充电棚。"},
    {4, "safety", "%d号楼电线私拉乱接", "多个房间从走廊插座拉线，插线板串联使用。",
     "%d号楼室内线路整改", "志愿电工上门免费检查线路", O_VOLUNTEER,
     {{"逐户检查%d号楼电线", O_VOLUNTEER}, {"更换%d号楼老化插线板和电线", RESP}, {NULL, 0}},
     "房东说线路是十几年前装的，租客自己加了插座。", "志愿电工本月上门检查，房东承担更换费用。"},
    {4, "safety", "%d号楼楼道堆物堵塞通道", "楼梯间堆放纸箱、旧家具，消防通道不畅。", NULL, NULL, 0,
     {{"清理%d号楼楼道堆物", RESP}, {"城管上门劝导并复查%d号楼", O_URBAN}, {NULL, 0}},
     "几户租客的杂物没有地方放。", "一周内清理，城管复查；屋顶划一块地方放杂物。"},
    {3, "safety", "%d号楼燃气瓶放在室内", "有租客在房间里用液化气瓶做饭。",
     "%d号楼改用安全的燃气设施", "燃气安全宣讲和报警器安装", O_FIRE,
     {{"登记%d号楼使用燃气瓶的房间", RESP}, {"为%d号楼安装燃气报警器", O_PROPERTY}, {NULL, 0}},
     "租客说没有管道燃气，只能用瓶装气。", "先登记，消防站来讲一次，物业安装报警器。"},
    {2, "safety", "%d号楼没有灭火器", "楼道和厨房都没有灭火器。", NULL, NULL, 0,
     {{"为%d号楼配置灭火器", O_FIRE}, {"教%d号楼住户使用灭火器", O_VOLUNTEER}, {NULL, 0}},
     "大家都不知道灭火器放哪里、怎么用。", "每层配一个灭火器，志愿者教大家使用。"},
    {1, "safety", "%d号楼屋顶违章搭建", "屋顶加盖了彩钢板房出租。", NULL, NULL, 0,
     {{"拆除%d号楼屋顶搭建", O_URBAN}, {NULL, 0}, {NULL, 0}},
     "房东同意拆除，请城管指导。", "月底前拆除，城管到场。"},
    {4, "rental", "%d号楼群租：一间房住六人", "一间二十平方米的房间隔成上下铺，住了六个人。",
     "规范%d号楼隔间和居住人数", "房管局上门指导租赁规范", O_HOUSING,
     {{"二房东整改%d号楼隔间", RESP}, {"复查%d号楼居住人数", O_POLICE}, {NULL, 0}},
     "二房东说是工友合租，租金便宜。", "按租赁规范整改，每间不超过规定人数，派出所复查。"},
    {4, "rental", "%d号楼二房东未登记新租客", "新来的租客没有登记，底册和实际不符。",
     "%d号楼租客登记更方便", "派出所上门登记、扫码签进培训", O_POLICE,
     {{"在%d号楼门口张贴签进二维码", RESP}, {"组织%d号楼租客扫码签进", RESP}, {NULL, 0}},
     "二房东说租客换得快，来不及去窗口登记。", "门口贴二维码，新租客入住当天扫码签进。"},
    {2, "rental", "%d号楼租赁合同未备案", "房东和二房东之间只有口头约定。", NULL, NULL, 0,
     {{"协助办理%d号楼租赁备案", O_HOUSING}, {NULL, 0}, {NULL, 0}},
     "房东不清楚备案流程。", "房管局来人协助办理备案。"},
    {3, "rental", "%d号楼租客搬走未签出", "底册里有三个已经搬走的租客。", "%d号楼搬离及时签出", NULL, 0,
     {{"房东代办%d号楼签出", RESP}, {"核对%d号楼在住名单", O_POLICE}, {NULL, 0}},
     "租客走得急，忘了扫码。", "房东代办签出，派出所核对名单。"},
    {3, "civility", "%d号楼垃圾未分类投放", "门口垃圾桶混投，湿垃圾袋破了。",
     "%d号楼需要垃圾分类指导", "志愿者桶边督导", O_VOLUNTEER,
     {{"设置%d号楼分类投放点", O_PROPERTY}, {"志愿者在%d号楼值守两周", O_VOLUNTEER}, {NULL, 0}},
     "新租客不知道分类规则。", "物业设投放点，志愿者值守两周。"},
    {2, "civility", "%d号楼夜间噪音扰民", "夜班租客和白班租客作息冲突。", "约定%d号楼作息时间", NULL, 0,
     {{"修订%d号楼楼栋公约", RESP}, {NULL, 0}, {NULL, 0}},
     "晚上十一点后还有人大声打电话。", "楼栋公约写明晚上十点后保持安静。"},
    {1, "civility", "%d号楼高空抛物", "有人从三楼往下扔烟头和果皮。", NULL, NULL, 0,
     {{"%d号楼张贴警示并安装摄像头", O_POLICE}, {NULL, 0}, {NULL, 0}},
     "楼下晾的衣服被弄脏。", "派出所安装摄像头，第一责任人提醒住户。"},
    {1, "civility", "%d号楼楼道乱贴小广告", "楼道墙上贴满开锁、疏通小广告。", NULL, NULL, 0,
     {{"清理%d号楼小广告", O_VOLUNTEER}, {NULL, 0}, {NULL, 0}},
     "", "志愿者周末清理。"},
    {2, "environment", "%d号楼门前污水外溢", "雨天化粪池和下水道冒水，门前积污水。",
     "疏通改造%d号楼污水管", "街道排水管网改造", O_STREET,
     {{"疏通%d号楼污水管", O_PROPERTY}, {"更换%d号楼门前破损管段", O_STREET}, {NULL, 0}},
     "住户说夏天味道很大。", "物业先疏通，街道列入管网改造。"},
    {2, "environment", "%d号楼旁垃圾堆放点异味", "垃圾堆放点清运不及时。", NULL, NULL, 0,
     {{"增加%d号楼旁垃圾清运频次", O_PROPERTY}, {NULL, 0}, {NULL, 0}},
     "", "物业改为每天清运两次。"},
    {1, "environment", "%d号楼门前绿化带被占用种菜", "绿化带被翻成菜地。", "恢复%d号楼门前绿化", NULL, 0,
     {{"清理种植并补种绿化", O_URBAN}, {NULL, 0}, {NULL, 0}},
     "种菜的老人同意改到屋顶种。", "城管清理，物业补种。"},
    {2, "other", "%d号楼公共区域没有照明", "楼梯间灯坏了很久。", NULL, NULL, 0,
     {{"安装%d号楼楼道感应灯", O_PROPERTY}, {NULL, 0}, {NULL, 0}},
     "晚上下楼要用手机照明。", "物业安装感应灯。"},
    {2, "services", "%d号楼老人看病不方便", "楼里有两位独居老人，行动不便。",
     "%d号楼老人需要家庭医生上门", "社区卫生服务中心家庭医生签约", O_CLINIC,
     {{"组织%d号楼老人家庭医生签约", O_CLINIC}, {NULL, 0}, {NULL, 0}},
     "邻居平时帮忙买药。", "卫生服务中心上门签约。"},
    {1, "other", "%d号楼缺少公共晾晒区", "衣服只能晾在楼道窗口。", "划定%d号楼晾晒区", NULL, 0,
     {{"在%d号楼屋顶划定晾晒区", RESP}, {NULL, 0}, {NULL, 0}},
     "", "房东同意开放屋顶晾晒。"},
};

static const chain_tpl community_chains[] = {
    {1, "services", "快递无处存放，丢件多", "巷子里没有快递柜，快递放在门口经常丢。", "设置智能快递柜",
     "街道协调快递企业进驻", O_STREET,
     {{"选址并安装快递柜", O_STREET}, {"公布快递柜取件方式", O_VOLUNTEER}, {NULL, 0}},
     "很多租客白天上班，收不到快递。", "街道协调在议事点旁安装快递柜。"},
    {1, "services", "租客子女入学政策不清楚", "随迁子女入学材料多，家长不了解积分和时间。", "入学政策讲解",
     "教育局政策宣讲进社区", O_EDU,
     {{"举办入学政策说明会", O_EDU}, {"整理入学材料清单", O_VOLUNTEER}, {NULL, 0}},
     "家长担心错过报名时间。", "请教育局来议事点讲解，志愿者整理材料清单。"},
    {1, "services", "务工人员找工作难", "部分租客失业，不知道去哪里找工作。", "就业信息和技能培训",
     "街道就业服务站招聘会", O_JOBS,
     {{"举办家门口招聘会", O_JOBS}, {"开设电工技能培训班", O_JOBS}, {NULL, 0}},
     "租客希望学一门手艺。", "就业服务站在议事点办招聘会和培训。"},
    {1, "environment", "巷内道路坑洼积水", "主巷路面破损，下雨积水。", "修整巷内道路",
     "区人大代表督办道路修整", O_NPC, {{"修补巷内坑洼路面", O_STREET}, {NULL, 0}, {NULL, 0}},
     "电动车经过溅水。", "人大代表督办，街道修补路面。"},
    {1, "safety", "小区内电动车充电难", "充电棚不够，飞线充电屡禁不止。", "增加充电设施",
     "消防救援站消防宣讲", O_FIRE,
     {{"每月一次消防宣讲", O_FIRE}, {"增设三处充电棚", O_STREET}, {NULL, 0}},
     "现有充电棚晚上排队。", "街道增设充电棚，消防站每月宣讲。"},
    {1, "rental", "群租整治缺少统一标准", "各楼整改要求不一，房东有意见。", "出台杜巷房屋租赁公约",
     "房管局、派出所联合指导", O_HOUSING,
     {{"制定杜巷房屋租赁公约", O_STREET}, {"印发业主手册和租客入住须知", O_VOLUNTEER}, {NULL, 0}},
     "房东希望有统一说法。", "起草租赁公约，印发业主手册和租客入住须知。"},
    {1, "other", "自建房物业管理无人负责", "公共部位损坏没人修。", "物业服务纳入考核",
     "街道物业服务管理考核办法", O_STREET, {{"按考核办法打分公示", O_PROPERTY}, {NULL, 0}, {NULL, 0}},
     "", "按街道考核办法每季度打分公示。"},
    {1, "civility", "外来务工人员融入难", "租客和本地居民交流少。", "组织邻里活动", "政协委员工作室结对服务",
     O_CPPCC, {{"举办“同住一栋楼”邻里节", O_VOLUNTEER}, {NULL, 0}, {NULL, 0}},
     "", "同住一栋楼，就是一家人：办邻里节。"},
    {1, "environment", "巷口垃圾分类投放点太少", "", NULL, NULL, 0,
     {{"巷口新增两个分类投放点", O_PROPERTY}, {NULL, 0}, {NULL, 0}}, "", "物业新增投放点。"},
    {1, "services", "老年人用手机扫码签到困难", "", "帮老人扫码签进", "志愿者一对一帮办", O_VOLUNTEER,
     {{"每周二议事点帮办", O_VOLUNTEER}, {NULL, 0}, {NULL, 0}}, "", "志愿者每周二在议事点帮办。"},
};

typedef struct topic {
    const char *title, *notes, *decision;
} topic;

static const topic roundtable_topics[] = {
    {"新租客相互认识", "新搬来的租客做了自我介绍。", "新租客加入本栋微信群。"},
    {"学习居民公约", "一起读了居民公约中作息和垃圾分类的条款。", "大家同意遵守。"},
    {"消防安全提示", "第一责任人提醒不在楼道堆物、不私拉电线。", ""},
    {"扫码签进签出提醒", "提醒新租客入住扫码签进，搬走扫码签出。", "第一责任人每月核对一次。"},
    {"楼栋卫生值日", "商量公共区域轮流打扫。", "按楼层每周轮值。"},
};
static const topic midautumn_topic = {"中秋邻里聚餐安排", "商量中秋聚餐，每家带一个菜。", "在一楼公共区域聚餐。"};
static const topic spring_topic = {"春节前安全检查", "春节前检查电线、燃气和灭火器。", "第一责任人带队检查。"};

static const topic discussion_topics[] = {
    {"巷里一家议事规则", "讨论议事点每月开放时间和议事规则。", "每月中旬开议事会。"},
    {"居民公约修订意见", "收集各楼对居民公约的意见。", "汇总后下次表决。"},
    {"业主手册征求意见", "房东代表对业主手册提出修改意见。", "志愿者整理修改稿。"},
    {"节日活动安排", "商量近期节日活动。", "志愿者队牵头组织。"},
    {"签进签出推广情况", "通报登记采集率和扫码签进情况。", "落后的楼栋由楼组长督促。"},
};

static const topic pioneer_topics[] = {
    {"楼组党员分工联系楼栋", "党员按楼栋分工联系第一责任人。", "每人联系五到八栋。"},
    {"登记采集率情况通报", "通报本楼组各楼登记采集率。", "低于八成的楼栋上门督促。"},
    {"逾期行动督办", "梳理本楼组逾期的行动。", "责任人本月内办结。"},
};

static const topic joint_topic = {"安全隐患整治进展", "各部门通报安全隐患整治进展。", "未完成的列入下季度督办。"};

static const chain_tpl *pick_chain(ld *d, const chain_tpl *t, size_t n)
{
    unsigned total = 0;
    for (size_t i = 0; i < n; i++)
        total += (unsigned)t[i].weight;
    unsigned r = xl_rng_below(&d->rng, total);
    size_t i = 0;
    while (i + 1 < n && r >= (unsigned)t[i].weight)
        r -= (unsigned)t[i++].weight;
    return &t[i];
}

/* ---------- writing a meeting ---------- */

static void meeting_title(const ld *d, const mplan *m, char *out, size_t size)
{
    int y, mo, dd;
    xl_date_from_days(m->day, &y, &mo, &dd);
    if (m->kind == XL_MEETING_ROUNDTABLE)
        snprintf(out, size, mo == 9 ? "%d号楼中秋小圆桌" : mo <= 2 ? "%d号楼迎新春小圆桌" : "%d号楼小圆桌",
                 d->b[m->bi].number);
    else if (m->kind == XL_MEETING_PIONEER)
        snprintf(out, size, "第%d组先锋楼组会", m->group);
    else if (m->kind == XL_MEETING_DISCUSSION)
        snprintf(out, size, "巷里一家议事会（%d年%d月）", y, mo);
    else
        snprintf(out, size, "部门联席会（%d年%d月）", y, mo);
}

static const char *meeting_place(const ld *d, const mplan *m, char *buf, size_t size)
{
    static const char *const places[] = {NULL, "杜巷党群服务站", "巷里一家议事点", "九里亭街道办事处会议室"};
    if (m->kind != XL_MEETING_ROUNDTABLE)
        return places[m->kind];
    snprintf(buf, size, "%d号楼公共区域", d->b[m->bi].number);
    return buf;
}

static xl_party meeting_host(const ld *d, const mplan *m)
{
    xl_party p = xl_party_none();
    if (m->kind == XL_MEETING_ROUNDTABLE)
        return ld_resp_party(d, m->bi);
    if (m->kind == XL_MEETING_PIONEER)
        p = ld_resp_party(d, d->group_host[m->group]);
    else if (m->kind == XL_MEETING_DISCUSSION)
        p = ld_resp_party(d, d->reps[m->day % 3]);
    if (p.kind == XL_PARTY_NONE)
        p = xl_party_org(d->org[m->kind == XL_MEETING_DISCUSSION ? O_VOLUNTEER : O_STREET]);
    return p;
}

static void emit_meeting_row(ld *d, mplan *m)
{
    char title[128], place[64], starts[20], started[20], created[20];
    meeting_title(d, m, title, sizeof title);
    ld_fmt_time(m->day, m->minute, -1, starts);
    ld_fmt_time(m->day, m->minute, 0, started);
    ld_fmt_time(m->day - ld_between(d, 3, 14), 10 * 60, 0, created);
    xl_party host = meeting_host(d, m);
    int past = m->day < d->ref;
    sqlite3_stmt *st = ld_stmt(d, LS_MEETING);
    ld_bind_str(st, 1, xl_meeting_kind_key((xl_meeting_kind)m->kind));
    ld_bind_str(st, 2, title);
    ld_bind_str(st, 3, starts);
    ld_bind_str(st, 4, meeting_place(d, m, place, sizeof place));
    ld_bind_i64(st, 5, host.kind == XL_PARTY_PERSON ? host.id : 0);
    ld_bind_i64(st, 6, host.kind == XL_PARTY_ORG ? host.id : 0);
    ld_bind_i64(st, 7, m->bi >= 0 ? d->b[m->bi].number : 0);
    ld_bind_i64(st, 8, m->group);
    ld_bind_str(st, 9, past ? "running" : "planned");
    if (past)
        ld_bind_str(st, 10, started);
    ld_bind_str(st, 11, created);
    m->id = ld_run_insert(d, st, "meeting");
}

int64_t ld_add_agenda(ld *d, const mplan *m, int pos, int64_t item, const char *title, int minutes,
                      const char *notes, const char *decision)
{
    if (m->day >= d->ref) /* planned, not held yet: nothing was said or decided */
        notes = decision = NULL;
    sqlite3_stmt *st = ld_stmt(d, LS_AGENDA);
    sqlite3_bind_int64(st, 1, m->id);
    sqlite3_bind_int(st, 2, pos);
    ld_bind_i64(st, 3, item);
    ld_bind_str(st, 4, item ? "" : title);
    sqlite3_bind_int(st, 5, minutes);
    ld_bind_str(st, 6, notes ? notes : "");
    ld_bind_str(st, 7, decision ? decision : "");
    return ld_run_insert(d, st, "agenda item");
}

static void attend(ld *d, const mplan *m, xl_party who, const char *role)
{
    if (who.kind == XL_PARTY_NONE || d->nseen == MAX_ATTENDEES)
        return;
    int64_t key = who.kind == XL_PARTY_PERSON ? who.id : -who.id;
    for (size_t i = 0; i < d->nseen; i++)
        if (d->seen[i] == key)
            return;
    d->seen[d->nseen++] = key;
    sqlite3_stmt *st = ld_stmt(d, LS_ATTEND);
    sqlite3_bind_int64(st, 1, m->id);
    ld_bind_i64(st, 2, who.kind == XL_PARTY_PERSON ? who.id : 0);
    ld_bind_i64(st, 3, who.kind == XL_PARTY_ORG ? who.id : 0);
    ld_bind_str(st, 4, role);
    ld_run_insert(d, st, "attendance");
}

static void attend_org(ld *d, const mplan *m, int o)
{
    attend(d, m, xl_party_org(d->org[o]), o == O_NPC || o == O_CPPCC ? "deputy" : "org");
}

/* Residents of a building on a day (role at the time), into d->res. */
static void load_residents(ld *d, int building, int day)
{
    char date[11];
    ld_fmt_day(day, date);
    sqlite3_stmt *st = ld_stmt(d, LS_RESIDENTS);
    sqlite3_bind_int(st, 1, building);
    ld_bind_str(st, 2, date);
    d->nres = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && d->nres < MAX_RESIDENTS) {
        person_role *p = &d->res[d->nres++];
        p->person = sqlite3_column_int64(st, 0);
        xl_strlcpy_utf8(p->role, xl_col_text(st, 1), sizeof p->role);
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        ld_fail_db(d, "residents");
}

/* k residents of d->res, chosen without repeats (partial Fisher-Yates). */
static void attend_residents(ld *d, const mplan *m, int k)
{
    for (int i = 0; i < k && (size_t)i < d->nres; i++) {
        size_t j = (size_t)i + xl_rng_below(&d->rng, (unsigned)(d->nres - (size_t)i));
        person_role t = d->res[i];
        d->res[i] = d->res[j];
        d->res[j] = t;
        attend(d, m, xl_party_person(d->res[i].person), d->res[i].role);
    }
}

static void close_meeting(ld *d, const mplan *m)
{
    char closed[20];
    ld_fmt_time(m->day, m->minute + ld_between(d, 60, 120), 0, closed);
    sqlite3_stmt *st = ld_stmt(d, LS_CLOSE);
    sqlite3_bind_int64(st, 1, m->id);
    ld_bind_str(st, 2, closed);
    ld_run_insert(d, st, "close meeting");
    if (d->rc)
        return;
    xl_buf b;
    xl_buf_init(&b);
    if (xl_meeting_minutes_render(d->db, m->id, &b, d->err) != XL_OK)
        d->rc = XL_EFAIL;
    st = ld_stmt(d, LS_MINUTES);
    sqlite3_bind_int64(st, 1, m->id);
    ld_bind_str(st, 2, b.data ? b.data : "");
    ld_run_insert(d, st, "minutes");
    xl_buf_release(&b);
}

/* ---------- each kind of meeting ---------- */

static int add_topic(ld *d, const mplan *m, int pos, const topic *t)
{
    ld_add_agenda(d, m, pos, 0, t->title, ld_between(d, 2, 3) * 5, t->notes, t->decision);
    return pos + 1;
}

static int add_reviews(ld *d, const mplan *m, int pos, int which, int64_t key, size_t max)
{
    char day[11];
    ld_fmt_day(m->day, day);
    int64_t ids[4];
    size_t n = ld_query_ids(d, which, key, day, ids, max < 4 ? max : 4);
    for (size_t i = 0; i < n; i++)
        ld_add_agenda(d, m, pos++, ids[i], NULL, 10, "回顾上次商定事项的进展。", "继续跟进，下次会议通报。");
    return pos;
}

static const topic *roundtable_topic(ld *d, const mplan *m)
{
    int mo = ld_month_of(m->day);
    if (mo == 9 && ld_chance(d, 800))
        return &midautumn_topic;
    if (mo <= 2 && ld_chance(d, 700))
        return &spring_topic;
    return &roundtable_topics[xl_rng_below(&d->rng, COUNT(roundtable_topics))];
}

static void emit_roundtable(ld *d, const mplan *m)
{
    const bld *b = &d->b[m->bi];
    load_residents(d, b->number, m->day);
    int past = m->day < d->ref, pos = 1;
    if (past) {
        attend(d, m, b->resp ? xl_party_person(b->resp) : xl_party_none(), b->resp_role);
        attend_residents(d, m, ld_between(d, 3, 10));
        if (ld_chance(d, 150))
            attend_org(d, m, ld_chance(d, 500) ? O_POLICE : O_STREET);
    }
    if (past && ld_chance(d, CHAIN_PERMILLE)) {
        chain_ctx c;
        ld_chain_init(d, m, b->number, b->resp, &c);
        ld_emit_chain(d, &c, pick_chain(d, building_chains, COUNT(building_chains)), pos++);
    }
    if (!past) {
        char none[1] = "";
        int64_t ids[3];
        size_t n = ld_query_ids(d, LS_OPEN_BLD, b->number, none, ids, 3);
        for (size_t i = 0; i < n; i++)
            ld_add_agenda(d, m, pos++, ids[i], NULL, 10, "", "");
    } else if (ld_chance(d, 400)) {
        pos = add_reviews(d, m, pos, LS_REVIEW_BLD, b->number, 1);
    }
    pos = add_topic(d, m, pos, roundtable_topic(d, m));
    if (pos < 3 || ld_chance(d, 300))
        add_topic(d, m, pos, &roundtable_topics[xl_rng_below(&d->rng, COUNT(roundtable_topics))]);
}

/* Community chains go to discussion and joint meetings, each once, spread over the years. */
static void maybe_community_chain(ld *d, const mplan *m, int *pos)
{
    size_t left = COUNT(community_chains) - d->next_community;
    if (d->community_left_meetings)
        d->community_left_meetings--;
    if (!left || m->day >= d->ref || (left <= d->community_left_meetings && !ld_chance(d, 350)))
        return;
    chain_ctx c;
    ld_chain_init(d, m, 0, 0, &c);
    c.raised_by = meeting_host(d, m);
    ld_emit_chain(d, &c, &community_chains[d->next_community++], (*pos)++);
}

static void attend_representatives(ld *d, const mplan *m, int extra)
{
    for (int i = 0; i < 3; i++)
        attend(d, m, ld_resp_party(d, d->reps[i]), ld_resp_role(d, d->reps[i]));
    for (int i = 0; i < extra && d->nb; i++) {
        const bld *b = &d->b[xl_rng_below(&d->rng, (unsigned)d->nb)];
        attend(d, m, b->resp ? xl_party_person(b->resp) : xl_party_none(), b->resp_role);
    }
}

static void emit_discussion(ld *d, const mplan *m)
{
    int pos = 1;
    d->nres = 0;
    if (m->day < d->ref) {
        attend_representatives(d, m, ld_between(d, 3, 9));
        attend_org(d, m, O_VOLUNTEER);
        if (ld_chance(d, 300))
            attend_org(d, m, ld_chance(d, 500) ? O_NPC : O_CPPCC);
    }
    maybe_community_chain(d, m, &pos);
    pos = add_topic(d, m, pos, &discussion_topics[xl_rng_below(&d->rng, COUNT(discussion_topics))]);
    if (ld_chance(d, 400))
        add_topic(d, m, pos, &discussion_topics[xl_rng_below(&d->rng, COUNT(discussion_topics))]);
}

static void emit_pioneer(ld *d, const mplan *m)
{
    int pos = 1;
    if (m->day < d->ref) {
        attend(d, m, ld_resp_party(d, d->group_host[m->group]), ld_resp_role(d, d->group_host[m->group]));
        for (int i = 0, k = ld_between(d, 4, 8); i < k && d->nb; i++) {
            const bld *b = &d->b[xl_rng_below(&d->rng, (unsigned)d->nb)];
            if (b->group == m->group && b->resp)
                attend(d, m, xl_party_person(b->resp), b->resp_role);
        }
        attend_org(d, m, O_STREET);
    }
    pos = add_reviews(d, m, pos, LS_REVIEW_GROUP, m->group, 2);
    add_topic(d, m, pos, &pioneer_topics[xl_rng_below(&d->rng, COUNT(pioneer_topics))]);
}

static void emit_joint(ld *d, const mplan *m)
{
    static const int orgs[] = {O_STREET, O_POLICE, O_HOUSING, O_FIRE, O_URBAN, O_NPC, O_CPPCC};
    int pos = 1;
    d->nres = 0;
    for (size_t i = 0; i < COUNT(orgs); i++)
        if (i < 5 || ld_chance(d, 700))
            attend_org(d, m, orgs[i]);
    attend_representatives(d, m, ld_between(d, 1, 3));
    maybe_community_chain(d, m, &pos);
    pos = add_reviews(d, m, pos, LS_REVIEW_SAFETY, 0, 3);
    add_topic(d, m, pos, &joint_topic);
}

void ld_emit_meeting(ld *d, mplan *m)
{
    emit_meeting_row(d, m);
    d->nseen = 0;
    if (d->rc)
        return;
    if (m->kind == XL_MEETING_ROUNDTABLE)
        emit_roundtable(d, m);
    else if (m->kind == XL_MEETING_DISCUSSION)
        emit_discussion(d, m);
    else if (m->kind == XL_MEETING_PIONEER)
        emit_pioneer(d, m);
    else
        emit_joint(d, m);
    if (!d->rc && m->day < d->ref)
        close_meeting(d, m);
}
